"""The head-to-head result as readers see it: shares with n and a 95% interval, and the small
matrix of pairs on 3- and 4-tool pages. Read from the pair tallies: one query per page."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from django.conf import settings

from core.figures import plural, wilson_interval
from picks.models import NEITHER, PairTally, ordered_pair
from tools.models import Tool


def minimum_picks() -> int:
    """The site's one small-sample minimum for the crowd (COMMUNITY_MINIMUM_VOTES), applied to
    picks as to votes: below it a share is said as a count in words, never a percentage."""
    return settings.COMMUNITY_MINIMUM_VOTES


def preference_note() -> str:
    return (
        "Community preference from head-to-head picks, not a measure of quality: pickers see "
        f"the brands. Shares and 95% Wilson intervals are given from {minimum_picks()} picks."
    )


@dataclass(frozen=True)
class Share:
    """`count` of `total` picks, under the site's small-sample rule (minimum_picks)."""

    count: int
    total: int

    @property
    def can_call(self) -> bool:
        return self.total >= minimum_picks()

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.total) if self.can_call else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.count, self.total) if self.can_call else None

    @property
    def interval_label(self) -> str:
        """ "95% interval 48–71%"; empty below the minimum."""
        interval = self.interval
        if interval is None:
            return ""
        low, high = (round(100 * bound) for bound in interval)
        return f"95% interval {low}–{high}%"


@dataclass(frozen=True)
class Option:
    value: str  # the form value: a tool's slug or "neither"
    label: str
    share: Share
    tool: Tool | None = None


@dataclass(frozen=True)
class PairResult:
    """One pair's picks, in the page's order of the two tools."""

    first: Tool
    second: Tool
    first_count: int = 0
    second_count: int = 0
    neither_count: int = 0

    @property
    def total(self) -> int:
        return self.first_count + self.second_count + self.neither_count

    @property
    def decisive(self) -> int:
        return self.first_count + self.second_count

    @property
    def options(self) -> list[Option]:
        return [
            Option(
                self.first.slug, self.first.name, Share(self.first_count, self.total), self.first
            ),
            Option(
                self.second.slug,
                self.second.name,
                Share(self.second_count, self.total),
                self.second,
            ),
            Option(NEITHER, "Neither", Share(self.neither_count, self.total)),
        ]

    @property
    def can_call(self) -> bool:
        return self.total >= minimum_picks()

    @property
    def minimum(self) -> int:
        return minimum_picks()

    @property
    def count_label(self) -> str:
        return plural(self.total, "pick") if self.total else "No picks yet"

    @property
    def in_words(self) -> str:
        """Below the minimum: the counts in words, never a percentage."""
        if not self.total:
            return "Nobody has picked between these two yet."
        return (
            f"{self.count_label} so far: {self.first_count} for {self.first.name}, "
            f"{self.second_count} for {self.second.name}, {self.neither_count} for neither."
        )

    @property
    def head_to_head(self) -> str:
        """ "A beats B in 62% of 410 picks" over the picks that chose one of the two."""
        return beats_label(self.first, self.second, self.first_count, self.second_count)


def beats_label(tool: Tool, other: Tool, wins: int, losses: int) -> str:
    decisive = wins + losses
    if decisive < minimum_picks():
        return f"{plural(decisive, 'pick')} between them so far" if decisive else "No picks yet"
    share = Share(wins, decisive)
    if wins >= losses:
        return f"{tool.name} beats {other.name} in {share.percent}% of {decisive:,} picks"
    return f"{other.name} beats {tool.name} in {100 - share.percent}% of {decisive:,} picks"


def counts_among(tools: list[Tool]) -> dict[tuple[int, int], tuple[int, int, int]]:
    """{(lower id, higher id): (a, b, neither)} for every pair of `tools` picked so far."""
    rows = PairTally.objects.among(tool.pk for tool in tools).values_list(
        "tool_a_id", "tool_b_id", "a_count", "b_count", "neither_count"
    )
    return {(a, b): (ac, bc, nc) for a, b, ac, bc, nc in rows}


def pair_result(first: Tool, second: Tool, counts=None) -> PairResult:
    counts = counts_among([first, second]) if counts is None else counts
    tool_a, tool_b = ordered_pair(first, second)
    a_count, b_count, neither = counts.get((tool_a.pk, tool_b.pk), (0, 0, 0))
    if first.pk == tool_a.pk:
        return PairResult(first, second, a_count, b_count, neither)
    return PairResult(first, second, b_count, a_count, neither)


@dataclass(frozen=True)
class MatrixCell:
    row: Tool
    column: Tool
    wins: int
    losses: int

    @property
    def decisive(self) -> int:
        return self.wins + self.losses

    @property
    def share(self) -> Share:
        return Share(self.wins, self.decisive)

    @property
    def label(self) -> str:
        """ "62% of 410" (row over column), or the count in words below the minimum."""
        if self.decisive < minimum_picks():
            return f"{plural(self.decisive, 'pick')}" if self.decisive else "no picks"
        return f"{self.share.percent}% of {self.decisive:,}"


def matrix(tools: list[Tool], counts=None) -> list[tuple[Tool, list[MatrixCell | None]]]:
    """Each tool's row against every other (None on the diagonal): one query, or none given
    the counts."""
    counts = counts_among(tools) if counts is None else counts
    results = {}
    for first, second in combinations(tools, 2):
        result = pair_result(first, second, counts)
        results[first.pk, second.pk] = (result.first_count, result.second_count)
        results[second.pk, first.pk] = (result.second_count, result.first_count)
    return [
        (
            row,
            [
                None
                if row.pk == column.pk
                else MatrixCell(row, column, *results[row.pk, column.pk])
                for column in tools
            ],
        )
        for row in tools
    ]


def share_json(share: Share) -> dict:
    """A share for machines: the count always; percent and interval only from the minimum."""
    interval = share.interval
    return {
        "count": share.count,
        "percent": share.percent,
        "interval_95": [round(bound, 4) for bound in interval] if interval else None,
    }


def pairs_json(tools: list[Tool], counts=None) -> list[dict]:
    """Every pair of `tools` with its picks, for the JSON export (one query, or none given
    the counts)."""
    counts = counts_among(tools) if counts is None else counts
    pairs = []
    for first, second in combinations(tools, 2):
        result = pair_result(first, second, counts)
        pairs.append(
            {
                "tools": [first.slug, second.slug],
                "total": result.total,
                "picks": {option.value: share_json(option.share) for option in result.options},
                "summary": result.head_to_head,
            }
        )
    return pairs


def share_line(tools: list[Tool], counts) -> str:
    """The head-to-head line a two-tool share image carries; empty below the minimum."""
    if len(tools) != 2:
        return ""
    result = pair_result(*tools, counts)
    if result.decisive < minimum_picks():
        return ""
    return f"Head-to-head: {result.head_to_head}"
