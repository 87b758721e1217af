"""The community figure as readers see it, computed from a tool's tally."""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.figures import ShipShare
from votes.models import VoteTally

# Under this many votes the share is shown but not treated as a verdict.
FEW_VOTES = 10
# z for a two-sided 95% interval.
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class CommunityFigure(ShipShare):
    ship_count: int
    skip_count: int

    @property
    def total(self) -> int:
        return self.ship_count + self.skip_count

    @property
    def has_votes(self) -> bool:
        return self.total > 0

    @property
    def count_label(self) -> str:
        if not self.total:
            return "No votes yet"
        return f"{self.total:,} vote" + ("" if self.total == 1 else "s")

    @property
    def too_few_to_call(self) -> bool:
        return 0 < self.total < FEW_VOTES

    @property
    def ship_ratio(self) -> float | None:
        """The exact share (0..1), for comparisons; readers see `ship_percent`."""
        return self.ship_count / self.total if self.total else None

    @property
    def share_label(self) -> str:
        """The count beside the percentage: "ship · 1,204 votes" (or "No votes yet")."""
        return f"ship · {self.count_label}" if self.total else self.count_label

    @property
    def summary(self) -> str:
        """The figure in one line: "62% ship · 1,204 votes", or "—" with no votes."""
        return f"{self.percent_label} {self.share_label}" if self.total else "—"

    @property
    def wilson_interval(self) -> tuple[float, float] | None:
        """The 95% Wilson score interval for the ship share, or None without votes.

        Unlike "p ± 1.96·SE" it stays inside 0..1 and is honest for small or lopsided
        counts: one ship vote gives 21%-100%, not 100%-100%.
        """
        n = self.total
        if not n:
            return None
        p = self.ship_count / n
        z2 = Z_95 * Z_95
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = Z_95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        return max(0.0, centre - half), min(1.0, centre + half)

    @property
    def interval_label(self) -> str:
        """The interval in words, "95% interval: 48–71% ship"; empty without votes."""
        interval = self.wilson_interval
        if interval is None:
            return ""
        low, high = (round(100 * bound) for bound in interval)
        return f"95% interval: {low}–{high}% ship"


def current_figure(tool) -> CommunityFigure:
    """The tool's figure as committed right now: one query on the tally."""
    counts = VoteTally.objects.filter(tool=tool).values_list("ship_count", "skip_count").first()
    return CommunityFigure(*counts) if counts else CommunityFigure(0, 0)


def community_figure_for(tool) -> CommunityFigure:
    """Read the tally joined onto `tool` by select_related("tally"); no tally means no votes."""
    try:
        tally = tool.tally
    except VoteTally.DoesNotExist:
        return CommunityFigure(0, 0)
    return CommunityFigure(tally.ship_count, tally.skip_count)
