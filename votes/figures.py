"""The community figure as readers see it, computed from a tool's tally."""

from __future__ import annotations

from dataclasses import dataclass

from core.figures import ShipShare, plural
from votes.models import VoteTally


@dataclass(frozen=True)
class CommunityFigure(ShipShare):
    ship_count: int
    skip_count: int

    minimum_setting = "COMMUNITY_MINIMUM_VOTES"
    noun = "vote"
    empty_label = "no votes yet"

    @property
    def total(self) -> int:
        return self.ship_count + self.skip_count

    @property
    def has_votes(self) -> bool:
        return self.total > 0

    @property
    def count_label(self) -> str:
        return plural(self.total, "vote") if self.total else "No votes yet"

    @property
    def in_words(self) -> str:
        """ "1 vote — too few to call"."""
        return f"{plural(self.total, 'vote')} — too few to call"

    @property
    def wilson_interval(self) -> tuple[float, float] | None:
        """The 95% Wilson interval (0..1), whatever the sample: `interval`, by its older name."""
        return self.interval

    @property
    def too_few_to_call(self) -> bool:
        return self.is_small_sample

    @property
    def share_label(self) -> str:
        """The count beside the percentage: "ship · 1,204 votes" (or "No votes yet")."""
        return f"ship · {self.count_label}" if self.total else self.count_label

    @property
    def summary(self) -> str:
        """The figure in one line: "62% ship · 1,204 votes", the count in words, or "—"."""
        if not self.total:
            return "—"
        return f"{self.percent_label} {self.share_label}" if self.is_enough else self.in_words


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


def verified_figure_for(tool) -> CommunityFigure:
    """The verified votes' figure (counted votes confirmed by e-mail), read like the whole one:
    from the tally joined onto `tool` when it is, else one query."""
    try:
        tally = tool.tally
    except VoteTally.DoesNotExist:
        return CommunityFigure(0, 0)
    return CommunityFigure(tally.verified_ship_count, tally.verified_skip_count)
