from __future__ import annotations

import factory

from comparisons.models import Comparison
from comparisons.services import set_lineup
from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory


class ComparisonFactory(factory.django.DjangoModelFactory):
    """A comparison of `tools` (two new tools unless given), with optional `ship_if` lines in
    the same order, saved through comparisons.services.set_lineup like every other write."""

    class Meta:
        model = Comparison

    tools = factory.LazyFunction(lambda: [ToolFactory(), ToolFactory()])
    ship_if = ()
    title = factory.LazyAttribute(lambda o: " vs ".join(tool.name for tool in o.tools))
    summary = "Ship with **A** for code, **B** for everything else."
    status = PublishStatus.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, tools, ship_if=(), **kwargs):
        lines = [*ship_if, *[""] * (len(tools) - len(ship_if))]
        return set_lineup(model_class(*args, **kwargs), list(zip(tools, lines, strict=True)))
