"""The panel figure as readers see it, and the one query shape that counts it for many tools."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, NullIf

from core.figures import ShipShare, plural
from core.publishing import published_filter
from verdicts.models import Decision


@dataclass
class PanelFigure(ShipShare):
    ship_count: int = 0
    total: int = 0

    minimum_setting = "PANEL_MINIMUM_VERDICTS"
    noun = "reviewer"
    empty_label = "no verdicts yet"

    @property
    def count_label(self) -> str:
        if not self.total:
            return "No verdicts yet"
        return f"{self.ship_count} of {plural(self.total, 'reviewer')}"

    @property
    def majority(self) -> str:
        """The panel's call in one word, for the summary line."""
        if not self.total:
            return "no verdicts yet"
        if self.ship_count * 2 > self.total:
            return "ship"
        if self.ship_count * 2 < self.total:
            return "skip"
        return "split"

    @property
    def summary(self) -> str:
        """The count in words: "1 of 1 reviewer: ship", "2 of 4 reviewers: ship — an even split"."""
        if not self.total:
            return "No panel verdicts yet"
        if self.majority == "split":
            return f"{self.ship_count} of {plural(self.total, 'reviewer')}: ship — an even split"
        count = self.ship_count if self.majority == "ship" else self.total - self.ship_count
        return f"{count} of {plural(self.total, 'reviewer')}: {self.majority}"

    @property
    def in_words(self) -> str:
        return self.summary


def with_panel_counts(tools: QuerySet) -> QuerySet:
    """Annotate tools with panel_ship_count, panel_total and panel_ship_ratio (None: no verdicts).

    Counted in the same query as the tools, so a list of any length costs one query.
    """
    published = published_filter("verdicts__")
    return tools.annotate(
        panel_total=Count("verdicts", filter=published),
        panel_ship_count=Count("verdicts", filter=published & Q(verdicts__decision=Decision.SHIP)),
    ).annotate(
        panel_ship_ratio=Cast("panel_ship_count", FloatField())
        / NullIf(Cast("panel_total", FloatField()), 0.0),
    )


def ranked_by_panel(tools: QuerySet) -> QuerySet:
    """Highest panel ship share first; more verdicts break ties; tools without verdicts last."""
    return with_panel_counts(tools).order_by(
        F("panel_ship_ratio").desc(nulls_last=True), "-panel_total", "name"
    )


def panel_figure_of(tool) -> PanelFigure:
    """The figure of a tool annotated by with_panel_counts."""
    return PanelFigure(ship_count=tool.panel_ship_count, total=tool.panel_total)
