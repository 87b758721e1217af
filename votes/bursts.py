"""Sudden bursts: a tool getting far more votes in the last hour than its usual hourly rate.

A burst is not proof of stuffing (a tool can be in the news), so it is flagged for an editor,
never acted on by itself. Held votes and every other state count: a burst is about arrivals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from tools.models import Tool
from votes.models import Vote

WINDOW = timedelta(hours=1)
# The usual rate is the average hourly rate over this long before the last hour.
BASELINE = timedelta(days=28)
# Fewer votes than this in an hour is never a burst, whatever the usual rate.
BURST_MIN_VOTES = 30
# A burst is at least this many times the usual hourly rate.
BURST_FACTOR = 10


@dataclass(frozen=True)
class Burst:
    tool: Tool
    votes_last_hour: int
    usual_per_hour: float

    @property
    def summary(self) -> str:
        """ "112 votes in the last hour; usually 0.4 an hour" """
        return (
            f"{self.votes_last_hour:,} votes in the last hour; "
            f"usually {self.usual_per_hour:.1f} an hour"
        )


def find_bursts(now: datetime | None = None) -> list[Burst]:
    """Tools whose votes in the last hour are a burst, biggest first: two grouped queries."""
    now = now or timezone.now()
    hour_start = now - WINDOW
    recent = dict(
        Vote.objects.filter(created_at__gte=hour_start, created_at__lte=now)
        .order_by()
        .values_list("tool_id")
        .annotate(n=Count("id"))
        .filter(n__gte=BURST_MIN_VOTES)
        .values_list("tool_id", "n")
    )
    if not recent:
        return []
    before = dict(
        Vote.objects.filter(
            tool_id__in=recent, created_at__gte=hour_start - BASELINE, created_at__lt=hour_start
        )
        .order_by()
        .values_list("tool_id")
        .annotate(n=Count("id"))
        .values_list("tool_id", "n")
    )
    hours = BASELINE / WINDOW
    flagged = {
        tool_id: (count, before.get(tool_id, 0) / hours)
        for tool_id, count in recent.items()
        if count >= BURST_FACTOR * before.get(tool_id, 0) / hours
    }
    tools = Tool.objects.in_bulk(list(flagged))
    bursts = [Burst(tools[tool_id], count, usual) for tool_id, (count, usual) in flagged.items()]
    return sorted(bursts, key=lambda burst: -burst.votes_last_hour)
