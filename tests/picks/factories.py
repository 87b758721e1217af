from __future__ import annotations

import factory

from picks.models import PairTally, Pick
from tests.tools.factories import ToolFactory


class PairTallyFactory(factory.django.DjangoModelFactory):
    """A tally row only; give tool_a the lower id (the model's check constraint)."""

    class Meta:
        model = PairTally

    tool_a = factory.SubFactory(ToolFactory)
    tool_b = factory.SubFactory(ToolFactory)


class PickFactory(factory.django.DjangoModelFactory):
    """A pick row only: tallies move through picks.services."""

    class Meta:
        model = Pick

    tool_a = factory.SubFactory(ToolFactory)
    tool_b = factory.SubFactory(ToolFactory)
    voter_id = factory.Sequence(lambda n: f"{n:032x}")
    picked = factory.SelfAttribute("tool_a")


def set_tally(first, second, first_wins: int, second_wins: int, neither: int = 0) -> PairTally:
    """A pair's tally as if these picks had been made (either order of tools)."""
    if first.pk < second.pk:
        a, b, a_count, b_count = first, second, first_wins, second_wins
    else:
        a, b, a_count, b_count = second, first, second_wins, first_wins
    tally, _ = PairTally.objects.update_or_create(
        tool_a=a,
        tool_b=b,
        defaults={"a_count": a_count, "b_count": b_count, "neither_count": neither},
    )
    return tally
