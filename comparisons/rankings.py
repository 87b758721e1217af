"""Tools ranked by the panel and by the crowd, each list in one query whatever its length;
and the windows of those lists the list pages show, cached so that a vote costs little."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, FloatField, QuerySet
from django.db.models.functions import Cast, Coalesce, NullIf

from comparisons.personal import page_lifetime
from core.figures import meets_minimum
from tools.models import Tool
from tools.stamps import read_stamps
from verdicts.figures import PanelFigure, panel_figure_of, with_panel_counts
from votes.figures import CommunityFigure, community_figure_for
from votes.models import VoteTally

logger = logging.getLogger(__name__)

SORTS = {
    "panel": "Panel ship %",
    "community": "Community %",
    "name": "Name",
}


DEFAULT_SORT = "panel"


def sort_in_url(value: str) -> str | None:
    """?sort= in its one spelling: a known order other than the default (else none)."""
    return value if value in SORTS and value != DEFAULT_SORT else None


@dataclass
class RankedTool:
    tool: Tool
    panel: PanelFigure
    community: CommunityFigure


def with_community_share(tools: QuerySet) -> QuerySet:
    """Join each tool's tally and annotate community_ship_share (None: no votes yet)."""
    total_votes = F("tally__ship_count") + F("tally__skip_count")
    return tools.select_related("tally").annotate(
        community_total=Coalesce(total_votes, 0),
        community_ship_share=Cast("tally__ship_count", FloatField())
        / NullIf(Cast(total_votes, FloatField()), 0.0),
    )


def with_figures(tools: QuerySet) -> QuerySet:
    """Tools with their category, panel counts and tally: everything a ranked row shows."""
    return with_community_share(with_panel_counts(tools.select_related("category")))


def ordered(tools: QuerySet, sort: str) -> QuerySet:
    """Sort annotated tools. Figures at or above their minimum come first (a 1-of-1 "100%" never
    outranks 9 of 10); then the share; more evidence wins ties; nothing counted goes last."""
    if sort == "panel":
        return tools.order_by(
            meets_minimum("panel_total", PanelFigure.minimum_setting).desc(),
            F("panel_ship_ratio").desc(nulls_last=True),
            "-panel_total",
            "name",
        )
    if sort == "community":
        return tools.order_by(
            meets_minimum("community_total", CommunityFigure.minimum_setting).desc(),
            F("community_ship_share").desc(nulls_last=True),
            "-community_total",
            "name",
        )
    return tools.order_by("name", "id")


def ranked(tools: QuerySet, sort: str) -> QuerySet:
    return ordered(with_figures(tools), sort)


def rows(tools) -> list[RankedTool]:
    """Wrap annotated tools (from `ranked` or `with_figures`) for templates; no further queries."""
    return [
        RankedTool(tool=tool, panel=panel_figure_of(tool), community=community_figure_for(tool))
        for tool in tools
    ]


# Which figure a list may be limited to ("only tools with verdicts" / "with votes").
EVIDENCE = {"panel": "panel_total__gt", "community": "community_total__gt"}


def window(
    *, sort: str, category: int = 0, offset: int = 0, limit: int, evidence: str = ""
) -> list[RankedTool]:
    """Rows offset+1 to offset+limit of the tools (in `category`, 0: all) ranked by `sort`,
    each with both figures; `evidence` keeps only tools with verdicts ("panel") or votes.

    Ranked by the crowd, or limited to tools with votes, any vote may reorder the list: it is
    read whole, in one query. Ranked by the panel or by name, its order moves only with
    editors' changes: the ranked tools with their panel figures are kept in the cache under the
    content stamp (tools/stamps.py) and only their tallies are read again, in a short query.
    """
    tools = Tool.objects.filter(category_id=category) if category else Tool.objects.all()
    if sort == "community" or evidence == "community":
        ranked_tools = ranked(tools, sort)
        if evidence:
            ranked_tools = ranked_tools.filter(**{EVIDENCE[evidence]: 0})
        return rows(ranked_tools[offset : offset + limit])
    content = read_stamps().content
    key = f"ranked:{content}:{sort}:{category}:{evidence}:{offset}:{limit}"
    placed = _cached(key)
    if placed is None:  # read whole, tallies included, and kept for the next render
        ranked_tools = ranked(tools, sort)
        if evidence:
            ranked_tools = ranked_tools.filter(**{EVIDENCE[evidence]: 0})
        found = rows(ranked_tools[offset : offset + limit])
        _store(key, [row.tool for row in found], content)
        return found
    tallies = {
        tool_id: CommunityFigure(ship, skip)
        for tool_id, ship, skip in VoteTally.objects.filter(
            tool_id__in=[tool.pk for tool in placed]
        ).values_list("tool_id", "ship_count", "skip_count")
    }
    return [
        RankedTool(
            tool=tool,
            panel=panel_figure_of(tool),
            community=tallies.get(tool.pk, CommunityFigure(0, 0)),
        )
        for tool in placed
    ]


def _cached(key: str) -> list[Tool] | None:
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that fails is a miss, never an error page
        logger.warning("Cache unavailable; ranking from the database.")
        return None


def _store(key: str, placed: list[Tool], content: int) -> None:
    # Until the next scheduled publication at most: it changes the panel figures unstamped.
    seconds = page_lifetime(content=content)
    if seconds <= 0:
        return
    try:
        cache.set(key, placed, seconds)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unavailable; ranking not stored.")
