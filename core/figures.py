"""The one rule for showing a share of ship calls, for the panel and the community alike.

Below a minimum sample (settings PANEL_MINIMUM_VERDICTS, COMMUNITY_MINIMUM_VOTES) a figure is
said as a count in words ("1 of 1 reviewer: ship", "1 vote — too few to call"), never as a
percentage; with nothing counted it is "—". At or above the minimum it is the percentage with
its n, and the 95% Wilson interval beside it where the share is a sample (the community).
Every page, badge, share image, feed and export asks a figure these questions, never its own.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When

# z for a two-sided 95% interval.
Z_95 = 1.959963984540054


def wilson_interval(successes: int, n: int) -> tuple[float, float] | None:
    """The 95% Wilson score interval for successes/n, or None when n is 0.

    Unlike "p ± 1.96·SE" it stays inside 0..1 and is honest for small or lopsided
    counts: one ship vote gives 21%–100%, not 100%–100%.
    """
    if not n:
        return None
    p = successes / n
    z2 = Z_95 * Z_95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def meets_minimum(total_field: str, minimum_setting: str) -> Case:
    """`ShipShare.is_enough` in SQL (1 or 0), so lists rank called figures above small samples."""
    return Case(
        When(**{f"{total_field}__gte": getattr(settings, minimum_setting)}, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def plural(count: int, noun: str) -> str:
    """ "1 vote", "1,204 votes"."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


class ShipShare:
    """Mixin for figures with `ship_count` and `total`.

    A subclass names its minimum (`minimum_setting`), its unit (`noun`) and how it reads
    as a count in words (`in_words`).
    """

    ship_count: int
    total: int
    minimum_setting: str = ""
    noun: str = "call"

    @property
    def minimum(self) -> int:
        return getattr(settings, self.minimum_setting)

    @property
    def is_empty(self) -> bool:
        return not self.total

    @property
    def is_enough(self) -> bool:
        """Enough to show as a share: at least the minimum sample."""
        return self.total >= self.minimum

    @property
    def is_small_sample(self) -> bool:
        """Something counted, but too little to show as a share."""
        return 0 < self.total < self.minimum

    @property
    def ship_percent(self) -> int | None:
        """The whole percentage, for sorting and machines: readers get `headline`."""
        return round(100 * self.ship_count / self.total) if self.total else None

    @property
    def ship_ratio(self) -> float | None:
        """The exact share (0..1), for comparisons between figures."""
        return self.ship_count / self.total if self.total else None

    @property
    def percent_label(self) -> str:
        """ "62%" at or above the minimum, else "—": never a percentage of a small sample."""
        return f"{self.ship_percent}%" if self.total and self.is_enough else "—"

    @property
    def count_label(self) -> str:
        """The n: "1,204 votes", "3 reviewers"."""
        return plural(self.total, self.noun)

    @property
    def in_words(self) -> str:
        """The small sample said as a count (subclasses say it their way)."""
        return f"{self.ship_count} of {plural(self.total, self.noun)}: ship"

    @property
    def headline(self) -> str:
        """What a page shows big: "62%", a count in words below the minimum, or "—"."""
        if not self.total:
            return "—"
        return self.percent_label if self.is_enough else self.in_words

    @property
    def headline_is_percent(self) -> bool:
        return bool(self.total) and self.is_enough

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.ship_count, self.total)

    @property
    def interval_percent(self) -> tuple[int, int] | None:
        interval = self.interval
        if interval is None:
            return None
        low, high = interval
        return round(100 * low), round(100 * high)

    @property
    def interval_label(self) -> str:
        """ "95% interval: 48–71%", only where a share is shown; else empty."""
        bounds = self.interval_percent
        if bounds is None or not self.is_enough:
            return ""
        return f"95% interval: {bounds[0]}–{bounds[1]}%"

    @property
    def statement(self) -> str:
        """The figure in one line of plain text (og:description, badges, alt text, feeds).

        "62% ship (1,204 votes)", "1 vote — too few to call", or the empty wording.
        """
        if not self.total:
            return self.empty_label
        if self.is_enough:
            return f"{self.ship_percent}% ship ({self.count_label})"
        return self.in_words

    empty_label = "nothing counted yet"

    def as_json(self) -> dict:
        """The figure for machines: counts always, the share and interval only when shown."""
        bounds = self.interval
        return {
            "ship_count": self.ship_count,
            "total": self.total,
            "minimum": self.minimum,
            "enough_to_call": self.is_enough,
            "ship_percent": self.ship_percent if self.is_enough else None,
            "interval_95": (
                {"low": round(bounds[0], 4), "high": round(bounds[1], 4), "method": "wilson"}
                if bounds is not None and self.is_enough
                else None
            ),
        }
