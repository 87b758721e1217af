from __future__ import annotations

import factory

from comparisons.models import Comparison
from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory


class ComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comparison

    tool_a = factory.SubFactory(ToolFactory)
    tool_b = factory.SubFactory(ToolFactory)
    title = factory.LazyAttribute(lambda o: f"{o.tool_a.name} vs {o.tool_b.name}")
    summary = "Ship with **A** for code, **B** for everything else."
    status = PublishStatus.PUBLISHED
