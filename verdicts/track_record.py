"""A reviewer's "share shipped": the share of their published verdicts that say ship.

Said under the site's one small-sample rule (core/figures.py) with the panel's minimum
(PANEL_MINIMUM_VERDICTS): one reviewer's two verdicts are as thin a sample as a panel of two.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.figures import ShipShare, plural


@dataclass(frozen=True)
class TrackRecordFigure(ShipShare):
    ship_count: int
    total: int

    minimum_setting = "PANEL_MINIMUM_VERDICTS"
    noun = "verdict"
    empty_label = "no verdicts yet"

    @property
    def count_label(self) -> str:
        """The n beside the percentage: "2 of 3 verdicts"."""
        return f"{self.ship_count} of {plural(self.total, self.noun)}"
