"""The comparison board's reads, in three hand-written SELECTs (see core/rawrows.py).

They return what the ORM versions return (Tool.objects.for_cards(), Verdict.objects.for_tools(),
Comparison.objects.for_tools()), down to the related-object caches, so templates and figures
cannot tell the difference: tests/comparisons/test_board_reads.py checks it field by field.
The ORM spent ~4.5 ms building and compiling these per uncached comparison page; as SQL they
cost ~0.6 ms, which is what lets the page meet its uncached speed target (bench/pages.py).
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from comparisons.models import Comparison, ComparisonTool, lineup_key
from core.publishing import PublishStatus
from core.rawrows import Columns, fetch, placeholders
from tools.models import Category, PricingTier, Tool
from verdicts.models import Reviewer, Verdict, VerdictChange
from votes.models import VoteTally

TOOL = Columns(Tool, "t")
CATEGORY = Columns(Category, "c")
TALLY = Columns(VoteTally, "y")
TIER = Columns(PricingTier, "p")
VERDICT = Columns(Verdict, "v")
REVIEWER = Columns(Reviewer, "r")
CHANGE = Columns(VerdictChange, "h")
COMPARISON = Columns(Comparison, "m")
ENTRY = Columns(ComparisonTool, "e")


def _public(columns: Columns) -> tuple[str, list]:
    """PublishableQuerySet.published() as SQL: status Published and a time that has come."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    status, published_at = columns.column("status"), columns.column("published_at")
    return f" AND {status} = %s AND {published_at} <= %s", [PublishStatus.PUBLISHED, now]


def tools_with_cards(slugs: list[str]) -> list[Tool]:
    """Tools by slug (any order) with category, tally and pricing tiers cached: one query,
    a row per tier (a tool without tiers still has its row, the tier columns empty)."""
    if not slugs:
        return []
    rows = fetch(
        f"SELECT {TOOL.select}, {CATEGORY.select}, {TALLY.select}, {TIER.select} "
        f"FROM {TOOL.table} "
        f"JOIN {CATEGORY.table} ON {CATEGORY.column('id')} = {TOOL.column('category')} "
        f"LEFT JOIN {TALLY.table} ON {TALLY.column('tool')} = {TOOL.column('id')} "
        f"LEFT JOIN {TIER.table} ON {TIER.column('tool')} = {TOOL.column('id')} "
        f"WHERE {TOOL.column('slug')} IN ({placeholders(len(slugs))}) "
        f"ORDER BY {TOOL.column('id')}, {TIER.column('position')}, {TIER.column('id')}",
        slugs,
    )
    tools, tiers = {}, {}
    tier_start = len(TOOL) + len(CATEGORY) + len(TALLY)
    for row in rows:
        tool = tools.get(row[TOOL.pk_index])
        if tool is None:
            tool = TOOL.load(row)
            Tool.category.field.set_cached_value(tool, CATEGORY.load(row, len(TOOL)))
            tally = TALLY.load(row, len(TOOL) + len(CATEGORY))
            Tool.tally.related.set_cached_value(tool, tally)  # None: .tally raises DoesNotExist
            if tally is not None:
                VoteTally.tool.field.set_cached_value(tally, tool)
            tools[tool.id], tiers[tool.id] = tool, []
        tier = TIER.load(row, tier_start)
        if tier is not None:
            PricingTier.tool.field.set_cached_value(tier, tool)
            tiers[tool.id].append(tier)
    for tool_id, tool in tools.items():
        # What prefetch_related("pricing_tiers") leaves: tool.pricing_tiers.all() runs no query.
        tool._prefetched_objects_cache = {"pricing_tiers": _prefetched(tool, tiers[tool_id])}
    return list(tools.values())


def _prefetched(tool: Tool, tiers: list[PricingTier]):
    queryset = tool.pricing_tiers.all()
    queryset._result_cache = tiers
    queryset._prefetch_done = True
    return queryset


def verdicts_on(tools: list[Tool], *, include_drafts: bool = False) -> list[Verdict]:
    """Verdict.objects.for_tools(): reviewer cached, `history` filled, in panel order.

    One query: a row per decision change (readers see only changes made in public), or one
    row with empty change columns for a verdict never changed.
    """
    if not tools:
        return []
    by_id = {tool.id: tool for tool in tools}
    params = []
    changes = f"{CHANGE.column('verdict')} = {VERDICT.column('id')}"
    if not include_drafts:
        changes += f" AND {CHANGE.column('was_public')} = %s"
        params.append(True)
    sql = (
        f"SELECT {VERDICT.select}, {REVIEWER.select}, {CHANGE.select} FROM {VERDICT.table} "
        f"JOIN {REVIEWER.table} ON {REVIEWER.column('id')} = {VERDICT.column('reviewer')} "
        f"LEFT JOIN {CHANGE.table} ON {changes} "
        f"WHERE {VERDICT.column('tool')} IN ({placeholders(len(tools))})"
    )
    params += list(by_id)
    if not include_drafts:
        clause, more = _public(VERDICT)
        sql, params = sql + clause, params + more
    sql += (
        f" ORDER BY {REVIEWER.column('display_order')}, {REVIEWER.column('name')}, "
        f"{VERDICT.column('tool')}, {CHANGE.column('changed_at')}, {CHANGE.column('id')}"
    )
    verdicts, reviewers = {}, {}
    change_start = len(VERDICT) + len(REVIEWER)
    for row in fetch(sql, params):
        verdict = verdicts.get(row[VERDICT.pk_index])
        if verdict is None:
            verdict = VERDICT.load(row)
            reviewer = reviewers.get(verdict.reviewer_id)
            if reviewer is None:
                reviewer = reviewers[verdict.reviewer_id] = REVIEWER.load(row, len(VERDICT))
            Verdict.reviewer.field.set_cached_value(verdict, reviewer)
            Verdict.tool.field.set_cached_value(verdict, by_id[verdict.tool_id])
            verdict.history = []
            verdicts[verdict.id] = verdict
        change = CHANGE.load(row, change_start)
        if change is not None:
            VerdictChange.verdict.field.set_cached_value(change, verdict)
            verdict.history.append(change)
    return list(verdicts.values())


def comparison_of(tools: list[Tool], *, include_drafts: bool = False):
    """The editorial comparison of exactly these tools, with its lineup (entries in position
    order, each with its tool from `tools`): one query, a row per entry."""
    sql = (
        f"SELECT {COMPARISON.select}, {ENTRY.select} FROM {COMPARISON.table} "
        f"JOIN {ENTRY.table} ON {ENTRY.column('comparison')} = {COMPARISON.column('id')} "
        f"WHERE {COMPARISON.column('lineup_key')} = %s"
    )
    params = [lineup_key(tool.id for tool in tools)]
    if not include_drafts:
        clause, more = _public(COMPARISON)
        sql, params = sql + clause, params + more
    rows = fetch(sql + f" ORDER BY {ENTRY.column('position')}", params)
    if not rows:
        return None
    comparison = COMPARISON.load(rows[0])
    by_id = {tool.id: tool for tool in tools}
    lineup = []
    for row in rows:
        entry = ENTRY.load(row, len(COMPARISON))
        ComparisonTool.comparison.field.set_cached_value(entry, comparison)
        ComparisonTool.tool.field.set_cached_value(entry, by_id[entry.tool_id])
        lineup.append(entry)
    comparison.lineup = lineup
    return comparison
