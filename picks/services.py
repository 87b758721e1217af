"""Writes that span a pick row and its pair's tally: one transaction, row first, counts by F().

The same rule as votes/services.py, for the same reasons: the unique (pair, visitor) row is
written first and the tally moves by the delta that write made, with `F()` arithmetic in the
same transaction, so every pick is counted exactly once under any concurrency. On PostgreSQL
the visitor's row is locked with SELECT ... FOR UPDATE, a racing first insert is caught by the
unique constraint inside a savepoint; SQLite serialises writers (BEGIN IMMEDIATE).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from picks.models import PairTally, Pick, ordered_pair
from picks.schedule import request_fits
from tools.models import Tool
from tools.stamps import mark_changed
from votes.services import Outcome


@dataclass(frozen=True)
class PickResult:
    outcome: Outcome
    picked_id: int | None  # the tool picked afterwards (None: neither, or no pick)
    has_pick: bool  # False once withdrawn (or when there was nothing to withdraw)


def cast_pick(
    *, first: Tool, second: Tool, voter_id: str, picked: Tool | None, ip_hash: str = ""
) -> PickResult:
    """Record that `voter_id` would ship with `picked` (None: neither) of the pair."""
    if first.pk == second.pk:
        raise ValueError("A pick needs two different tools.")
    if picked is not None and picked.pk not in (first.pk, second.pk):
        raise ValueError(f"{picked} is not one of the pair.")
    if not voter_id:
        raise ValueError("A pick needs a voter id.")
    tool_a, tool_b = ordered_pair(first, second)
    picked_id = picked.pk if picked is not None else None
    with transaction.atomic():
        existing = _lock_pick(tool_a, tool_b, voter_id)
        if existing is None:
            try:
                with transaction.atomic():
                    Pick.objects.create(
                        tool_a=tool_a,
                        tool_b=tool_b,
                        voter_id=voter_id,
                        picked_id=picked_id,
                        ip_hash=ip_hash,
                    )
            except IntegrityError:
                # The same visitor's other request inserted first (PostgreSQL only).
                existing = _lock_pick(tool_a, tool_b, voter_id)
                if existing is None:  # pragma: no cover - the constraint fired, so it exists
                    raise
            else:
                _shift_tally(tool_a, tool_b, {_column(tool_a, picked_id): +1})
                return PickResult(Outcome.CREATED, picked_id, True)
        if existing.picked_id == picked_id:
            return PickResult(Outcome.UNCHANGED, picked_id, True)
        Pick.objects.filter(pk=existing.pk).update(
            picked_id=picked_id, ip_hash=ip_hash or existing.ip_hash, updated_at=timezone.now()
        )
        _shift_tally(
            tool_a,
            tool_b,
            {_column(tool_a, picked_id): +1, _column(tool_a, existing.picked_id): -1},
        )
        return PickResult(Outcome.CHANGED, picked_id, True)


def withdraw_pick(*, first: Tool, second: Tool, voter_id: str) -> PickResult:
    """Remove `voter_id`'s pick on the pair; without one, change nothing."""
    if not voter_id:
        return PickResult(Outcome.NOTHING_TO_WITHDRAW, None, False)
    tool_a, tool_b = ordered_pair(first, second)
    with transaction.atomic():
        existing = _lock_pick(tool_a, tool_b, voter_id)
        if existing is None:
            return PickResult(Outcome.NOTHING_TO_WITHDRAW, None, False)
        Pick.objects.filter(pk=existing.pk).delete()
        _shift_tally(tool_a, tool_b, {_column(tool_a, existing.picked_id): -1})
        return PickResult(Outcome.WITHDRAWN, None, False)


def _column(tool_a: Tool, picked_id: int | None) -> str:
    if picked_id is None:
        return "neither_count"
    return "a_count" if picked_id == tool_a.pk else "b_count"


def _lock_pick(tool_a: Tool, tool_b: Tool, voter_id: str) -> Pick | None:
    return (
        Pick.objects.select_for_update()
        .filter(tool_a=tool_a, tool_b=tool_b, voter_id=voter_id)
        .only("id", "picked_id", "ip_hash")
        .first()
    )


def _shift_tally(tool_a: Tool, tool_b: Tool, deltas: dict[str, int]) -> None:
    """Move the pair's counts by `deltas` with F() arithmetic; the first pick makes the row."""
    changes = {column: F(column) + delta for column, delta in deltas.items()}
    changes["updated_at"] = timezone.now()
    tally = PairTally.objects.filter(tool_a=tool_a, tool_b=tool_b)
    if not tally.update(**changes):
        PairTally.objects.bulk_create(
            [PairTally(tool_a=tool_a, tool_b=tool_b)], ignore_conflicts=True
        )
        tally.update(**changes)
    # Pages showing this pair are keyed by both tools' stamps: move them in this transaction,
    # last, as the vote service does (the site-wide stamp row is held only until commit).
    mark_changed([tool_a.pk, tool_b.pk])
    # The category rankings refit off the request, after this pick commits.
    request_fits({tool_a.category_id, tool_b.category_id})
