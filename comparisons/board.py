"""The side-by-side board: everything the comparison page shows, built in a fixed few queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from comparisons.models import Comparison
from core.figures import plural
from tools.models import Tool
from verdicts.figures import PanelFigure
from verdicts.models import Decision, Reviewer, Verdict
from votes.figures import CommunityFigure, community_figure_for

# Panel and community "disagree" when their ship shares are this many points apart.
DISAGREEMENT_POINTS = 30


@dataclass
class ToolColumn:
    tool: Tool
    panel: PanelFigure
    community: CommunityFigure
    tiers: list = field(default_factory=list)
    ship_if: str = ""  # the editors' "ship it if…" line, when a comparison gives one

    @property
    def tier_count_label(self) -> str:
        return f"{len(self.tiers)} tier" + ("" if len(self.tiers) == 1 else "s")

    @property
    def disagreement(self) -> str:
        """A plain sentence when panel and community ship shares are 30+ points apart.

        Said only once both figures are shares (core/figures.py's minimums): one early vote
        against a unanimous panel is not a disagreement worth a sentence.
        """
        panel, community = self.panel, self.community
        if not (panel.headline_is_percent and community.headline_is_percent):
            return ""
        # (community% - panel%) in points, compared in whole numbers to avoid float rounding.
        gap = 100 * (community.ship_count * panel.total - panel.ship_count * community.total)
        threshold = DISAGREEMENT_POINTS * panel.total * community.total
        if abs(gap) < threshold:
            return ""
        mood = "keener on" if gap > 0 else "more doubtful about"
        return (
            f"Voters are {mood} {self.tool.name} than the panel: {community.ship_percent}% "
            f"of voters would ship it, against {panel.ship_percent}% of reviewers."
        )


@dataclass
class ReviewerRow:
    """One reviewer across the compared tools: a verdict (or None) per column."""

    reviewer: Reviewer
    verdicts: list[Verdict | None]

    @cached_property
    def decisions(self) -> set[str]:
        return {v.decision for v in self.verdicts if v is not None}

    @cached_property
    def is_split(self) -> bool:
        return len(self.decisions) > 1

    @cached_property
    def is_partial(self) -> bool:
        return any(v is None for v in self.verdicts)

    @cached_property
    def judged_every_tool(self) -> bool:
        return not self.is_partial


@dataclass
class Board:
    columns: list[ToolColumn]
    rows: list[ReviewerRow]
    include_drafts: bool = False  # a staff preview: some verdicts may not be public

    @cached_property
    def names(self) -> str:
        """ "Code Llama 4 vs Mistral 8B Instruct v3": the page title's subject."""
        return " vs ".join(column.tool.name for column in self.columns)

    @property
    def column_count(self) -> int:
        return len(self.columns)

    @property
    def compares_several(self) -> bool:
        return len(self.columns) > 1

    @property
    def tools(self) -> list[Tool]:
        return [column.tool for column in self.columns]

    @property
    def split_count(self) -> int:
        return sum(row.is_split for row in self.rows)

    @property
    def split_rows(self) -> list[ReviewerRow]:
        """The disagreements: reviewers who said ship to one tool and skip to another."""
        return [row for row in self.rows if row.is_split]

    @cached_property
    def split_summary(self) -> str:
        """The reviewer split in one sentence. "No verdict" is neither agreement nor a split:
        agreement is claimed only for reviewers who judged every tool on the board."""
        total = len(self.rows)
        if not total:
            return "No reviewer has published a verdict on these tools yet."
        reviewers = plural(total, "reviewer")
        complete = sum(row.judged_every_tool for row in self.rows)
        judged = f" {complete} of {reviewers} judged every tool." if complete < total else ""
        if self.split_count:
            return f"{self.split_count} of {reviewers} split their call.{judged}"
        if complete == total:
            if total == 1:
                return "No split: the one reviewer made the same call on every tool."
            return f"No split: all {reviewers} made the same call on every tool."
        return (
            f"No split among the calls made, but only {complete} of {reviewers} judged every "
            "tool; the others have no verdict on some of them."
        )

    def apply_comparison(self, comparison) -> None:
        """Give each column its "ship it if…" line from the editorial comparison."""
        for column in self.columns:
            column.ship_if = comparison.ship_if(column.tool)

    @property
    def has_drafts(self) -> bool:
        """Staff preview: some verdict on the board is not public yet."""
        return self.include_drafts and any(
            v is not None and not v.is_public for row in self.rows for v in row.verdicts
        )

    @property
    def history(self) -> list[tuple[Verdict, object]]:
        """Every recorded decision change on the board, newest first: (verdict, change)."""
        changes = [
            (verdict, change)
            for row in self.rows
            for verdict in row.verdicts
            if verdict is not None
            for change in verdict.history
        ]
        return sorted(changes, key=lambda pair: pair[1].changed_at, reverse=True)


def tools_for_board(slugs: list[str]) -> list[Tool]:
    """The tools named by `slugs`, in that order, with card data, tiers and tally: two queries
    (the tools joined to their category and tally, then their tiers)."""
    found = {tool.slug: tool for tool in Tool.objects.for_cards().by_slugs(slugs)}
    return [found[slug] for slug in slugs if slug in found]


def comparison_of(tools: list[Tool], *, include_drafts: bool = False):
    """The editorial comparison of exactly these tools (None without one), with its lineup in
    position order, each entry holding the board's own tool: two queries."""
    comparison = Comparison.objects.visible(include_drafts=include_drafts).for_tools(tools).first()
    if comparison is not None:
        by_id = {tool.id: tool for tool in tools}
        for entry in comparison.lineup:
            entry.tool = by_id[entry.tool_id]
    return comparison


def build_board(tools: list[Tool], *, include_drafts: bool = False) -> Board:
    """Assemble columns and reviewer rows from the verdicts with their reviewers and history
    (two queries: the verdicts joined to their reviewers, then their decision changes).

    `include_drafts` (staff only) counts drafts and scheduled verdicts too, so the figures
    show what the page will say once they are published.
    """
    verdicts = Verdict.objects.for_tools(tools, include_drafts=include_drafts)
    by_id = {tool.id: tool for tool in tools}
    columns = {
        tool.id: ToolColumn(
            tool=tool,
            panel=PanelFigure(),
            community=community_figure_for(tool),
            tiers=list(tool.pricing_tiers.all()),
        )
        for tool in tools
    }
    by_reviewer: dict[int, dict[int, Verdict]] = {}
    reviewers: dict[int, Reviewer] = {}
    for verdict in verdicts:
        verdict.tool = by_id[verdict.tool_id]  # the board's own tool, tally and tiers loaded
        panel = columns[verdict.tool_id].panel
        panel.total += 1
        panel.ship_count += verdict.decision == Decision.SHIP
        reviewers[verdict.reviewer_id] = verdict.reviewer
        by_reviewer.setdefault(verdict.reviewer_id, {})[verdict.tool_id] = verdict
        # Anything to say beside the decision: a change of mind, or (staff) a draft state.
        verdict.shows_state = bool(verdict.history) or include_drafts or verdict.is_out_of_date
    rows = [
        ReviewerRow(reviewer=reviewer, verdicts=[by_reviewer[rid].get(t.id) for t in tools])
        for rid, reviewer in reviewers.items()
    ]
    return Board(columns=[columns[t.id] for t in tools], rows=rows, include_drafts=include_drafts)
