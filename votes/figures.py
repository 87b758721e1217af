"""The community figure as readers see it, computed from a tool's tally."""

from __future__ import annotations

from dataclasses import dataclass

from votes.models import VoteTally

# Under this many votes the share is shown but not treated as a verdict.
FEW_VOTES = 10


@dataclass(frozen=True)
class CommunityFigure:
    ship_count: int
    skip_count: int

    @property
    def total(self) -> int:
        return self.ship_count + self.skip_count

    @property
    def has_votes(self) -> bool:
        return self.total > 0

    @property
    def ship_percent(self) -> int | None:
        if not self.total:
            return None
        return round(100 * self.ship_count / self.total)

    @property
    def percent_label(self) -> str:
        return "—" if self.ship_percent is None else f"{self.ship_percent}%"

    @property
    def count_label(self) -> str:
        if not self.total:
            return "No votes yet"
        return f"{self.total:,} vote" + ("" if self.total == 1 else "s")

    @property
    def too_few_to_call(self) -> bool:
        return 0 < self.total < FEW_VOTES


def community_figure_for(tool) -> CommunityFigure:
    """Read the tally joined onto `tool` by select_related("tally"); no tally means no votes."""
    try:
        tally = tool.tally
    except VoteTally.DoesNotExist:
        return CommunityFigure(0, 0)
    return CommunityFigure(tally.ship_count, tally.skip_count)
