"""Tools ranked by the panel and by the crowd, each list in one query whatever its length."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, FloatField, QuerySet
from django.db.models.functions import Cast, Coalesce, NullIf

from core.figures import meets_minimum
from tools.models import Tool
from verdicts.figures import PanelFigure, panel_figure_of, with_panel_counts
from votes.figures import CommunityFigure, community_figure_for

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
