from __future__ import annotations

import factory

from tests.tools.factories import ToolFactory
from votes.models import Choice, Vote, VoteTally


class VoteTallyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoteTally

    tool = factory.SubFactory(ToolFactory)
    ship_count = 0
    skip_count = 0


class VoteFactory(factory.django.DjangoModelFactory):
    """A vote row only: tallies move through votes.services, so tests that need both use it."""

    class Meta:
        model = Vote

    tool = factory.SubFactory(ToolFactory)
    voter_id = factory.Sequence(lambda n: f"{n:032x}")
    choice = Choice.SHIP
