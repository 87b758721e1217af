from __future__ import annotations

import factory

from tests.tools.factories import ToolFactory
from votes.models import VoteTally


class VoteTallyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoteTally

    tool = factory.SubFactory(ToolFactory)
    ship_count = 0
    skip_count = 0
