"""The daily cap per network: one rule for ship/skip votes and head-to-head picks.

Clearing cookies makes a new visitor, so only the first VOTE_NETWORK_DAILY_CAP answers one
network (the hashed /24 or /64, throttle.identity) gives to one question in a UTC day are
counted; later ones are held: stored, not counted, until an editor releases or voids them.
The question is the unit: a tool for votes (votes.NetworkDay), a pair for picks
(picks.PickNetworkDay). Each unit's rows for a network and day are one group row, and that row
is locked while a new answer decides counted or held, so two answers racing for the last
counted place cannot both take it.

Callers lock in the order group, answer row, tally row (see votes/services.py), and call
`decide` inside the savepoint that inserts the answer, so a failed insert also undoes a new
group row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone

from votes.models import Status


@dataclass(frozen=True)
class CapDecision:
    group: models.Model | None  # today's group for the network and unit; None: no network
    status: str  # Status.COUNTED or Status.HELD

    @property
    def held(self) -> bool:
        return self.status == Status.HELD


def decide(
    group_model: type[models.Model],
    *,
    network_hash: str,
    unit: dict,
    using_cap: Callable[[models.Model], models.QuerySet],
) -> CapDecision:
    """Does a new answer from `network_hash` on `unit` count, or is it held?

    `group_model` has `network_hash` and `day` fields plus the unit's (`unit`, e.g.
    {"tool": tool}); today's group is created if need be and locked until commit.
    `using_cap(group)` is the group's answers that take a counted place (for votes: counted
    and not verified). An answer without a known network (a service called directly, a
    script) is never capped.
    """
    if not network_hash:
        return CapDecision(None, Status.COUNTED)
    group = lock_todays_group(group_model, network_hash=network_hash, unit=unit)
    reached = using_cap(group).count() >= settings.VOTE_NETWORK_DAILY_CAP
    return CapDecision(group, Status.HELD if reached else Status.COUNTED)


def lock_todays_group(group_model: type[models.Model], *, network_hash: str, unit: dict):
    """Today's (UTC) group for this network and unit, created if need be, locked until commit.

    INSERT ... ON CONFLICT DO NOTHING lets two first answers race safely; both then wait for
    the one row's lock (FOR UPDATE on PostgreSQL; SQLite serialises writers).
    """
    day = timezone.now().date()
    groups = group_model.objects.select_for_update().filter(
        network_hash=network_hash, day=day, **unit
    )
    group = groups.first()
    if group is None:
        group_model.objects.bulk_create(
            [group_model(network_hash=network_hash, day=day, **unit)], ignore_conflicts=True
        )
        group = groups.get()
    return group
