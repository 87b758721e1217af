"""The one way a share of ship calls is shown, for the panel and the community alike."""

from __future__ import annotations


class ShipShare:
    """Mixin for figures with `ship_count` and `total`: a whole percentage and its label."""

    ship_count: int
    total: int

    @property
    def ship_percent(self) -> int | None:
        return round(100 * self.ship_count / self.total) if self.total else None

    @property
    def percent_label(self) -> str:
        """ "62%", or "—" while there is nothing to count: never a made-up 0%."""
        return "—" if self.ship_percent is None else f"{self.ship_percent}%"
