"""Rate limits as operators write them: "30/m", "100/5m", "0" for none."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    def __str__(self) -> str:
        return f"{self.limit} per {self.period} s"


def parse_rate(text: str) -> Rate | None:
    """'30/m' → 30 per 60 s; '100/5m' → 100 per 300 s; '0' or '' → no limit."""
    if text.strip() in {"", "0", "off", "none"}:
        return None
    match = RATE_PATTERN.match(text)
    if not match:
        raise ValueError(
            f"A rate looks like '30/m' (per s, m, h or d) or '0' for none, not {text!r}."
        )
    count, multiple, unit = match.groups()
    period = int(multiple or 1) * UNIT_SECONDS[unit]
    return None if int(count) == 0 else Rate(limit=int(count), period=period)


def rate_for(scope: str) -> Rate | None:
    """The limit set for `scope` in settings.RATE_LIMITS: its text parsed, or a Rate as is."""
    from django.conf import settings

    rate = settings.RATE_LIMITS.get(scope)
    return parse_rate(rate) if isinstance(rate, str) else rate


def check_rate_settings() -> None:
    """Refuse to start on a limit that cannot be read, naming the environment variable."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    for scope, rate in settings.RATE_LIMITS.items():
        if isinstance(rate, str):
            try:
                parse_rate(rate)
            except ValueError as error:
                name = f"{scope.upper()}_RATE_LIMIT"
                raise ImproperlyConfigured(f"{name}: {error}") from None
