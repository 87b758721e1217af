"""Tools ranked by the panel and by the crowd, each list in one query whatever its length;
and the windows of those lists the list pages show, cached so that a vote costs little."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, FloatField, QuerySet
from django.db.models.functions import Cast, Coalesce, NullIf

from comparisons.personal import page_lifetime
from core import stamps
from core.cache import read_quietly, write_quietly
from core.figures import meets_minimum
from tools.models import Tool
from verdicts.figures import PanelFigure, panel_figure_of, with_panel_counts
from votes.figures import CommunityFigure, community_figure_for
from votes.models import VoteTally

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

    Cheap to render again after a vote: the panel figures move only with editors' changes, so
    what they need is kept in the cache under the content stamp (tools/stamps.py) and only the
    tallies are read again. Ranked by the panel or by name, the order is kept too; ranked by
    the crowd, any vote may reorder the list, so the order is read again, from the tallies.
    """
    kept = _Keeping.now()
    tools = Tool.objects.filter(category_id=category) if category else Tool.objects.all()
    if sort == "community" or evidence == "community":
        # Ranked by the crowd, the panel counts are only needed to keep tools with verdicts.
        crowd_only = sort == "community" and evidence != "panel"
        figures = with_community_share if crowd_only else with_figures
        by_crowd = ordered(figures(tools), sort)
        if evidence:
            by_crowd = by_crowd.filter(**{EVIDENCE[evidence]: 0})
        return _with_panel_figures(
            by_crowd.values_list("pk", "tally__ship_count", "tally__skip_count")[
                offset : offset + limit
            ],
            kept,
        )
    key = f"ranked:{kept.content}:{sort}:{category}:{evidence}:{offset}:{limit}"
    order = read_quietly([key], "ranking").get(key)
    if order is None:
        by_panel = ordered(with_panel_counts(tools), sort)
        if evidence:
            by_panel = by_panel.filter(**{EVIDENCE[evidence]: 0})
        order = list(by_panel.values_list("pk", flat=True)[offset : offset + limit])
        _store_many({key: order}, kept)
    tallies = dict(
        (tool_id, (ship, skip))
        for tool_id, ship, skip in VoteTally.objects.filter(tool_id__in=order).values_list(
            "tool_id", "ship_count", "skip_count"
        )
    )
    return _with_panel_figures([(pk, *tallies.get(pk, (0, 0))) for pk in order], kept)


def figures_of(slugs: list[str]) -> list[RankedTool]:
    """The tools of `slugs`, in that order, with both figures: their tallies read now, their
    panel figures kept under the content stamp (as in `window`)."""
    kept = _Keeping.now()
    found = {
        slug: (pk, ship, skip)
        for pk, slug, ship, skip in Tool.objects.filter(slug__in=slugs).values_list(
            "pk", "slug", "tally__ship_count", "tally__skip_count"
        )
    }
    return _with_panel_figures([found[slug] for slug in slugs if slug in found], kept)


@dataclass(frozen=True)
class _Keeping:
    """Under which content stamp, and for how long, what is read now may be kept: both taken
    before the read, so a scheduled publication that goes live during it ends the copy."""

    content: int
    seconds: int

    @classmethod
    def now(cls) -> _Keeping:
        content = stamps.token(stamps.CONTENT)
        return cls(content, page_lifetime(content=content))


def _with_panel_figures(counted, kept: _Keeping) -> list[RankedTool]:
    """Rows for (tool id, ship, skip) triples, in their order: each tool with its category and
    panel figure from the cache (kept under the content stamp), or one query for those missing.
    The tools are read without their long descriptions, which no row shows."""
    counted = list(counted)
    keys = {pk: f"ranked-tool:{kept.content}:{pk}" for pk, _, _ in counted}
    tools = read_quietly(list(keys.values()), "ranking")
    missing = [pk for pk, key in keys.items() if key not in tools]
    if missing:
        read = with_panel_counts(
            Tool.objects.filter(pk__in=missing)
            .select_related("category")
            .defer("description", "description_html")
        )
        fresh = {keys[tool.pk]: tool for tool in read}
        _store_many(fresh, kept)
        tools.update(fresh)
    return [
        RankedTool(
            tool=tools[keys[pk]],
            panel=panel_figure_of(tools[keys[pk]]),
            community=CommunityFigure(ship or 0, skip or 0),
        )
        for pk, ship, skip in counted
        if keys[pk] in tools
    ]


def _store_many(values: dict, kept: _Keeping) -> None:
    # Until the next scheduled publication at most: it changes the panel figures unstamped.
    write_quietly(values, kept.seconds, "ranking")
