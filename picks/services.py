"""Writes that span a pick row and its pair's tally: one transaction, row first, counts by F().

The same rule as votes/services.py, for the same reasons: the unique (pair, visitor) row is
written first and the tally moves by the delta that write made, with `F()` arithmetic in the
same transaction, so every pick is counted exactly once under any concurrency. On PostgreSQL
the visitor's row is locked with SELECT ... FOR UPDATE, a racing first insert is caught by the
unique constraint inside a savepoint; SQLite serialises writers (BEGIN IMMEDIATE).

The same integrity rules as votes, too: a first pick from a network that has used up today's
counted picks on the pair (votes/caps.py, VOTE_NETWORK_DAILY_CAP) is held: stored, counted in
the tally's held_ columns only, until an editor releases or voids its group. A pick adds 1 to
the tally column its state and choice name (`_column`), so every change of choice or state
moves exactly "new column +1, old column -1". Locks are taken in the order group, pick row,
tally row, as votes take them: no deadlocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from picks.models import PairTally, Pick, PickNetworkDay, ordered_pair
from picks.schedule import request_fits
from tools.models import Tool
from tools.stamps import mark_picks_changed, mark_tool_pages_changed
from votes import caps
from votes.models import ModerationAction, ModerationEntry, ModerationSubject, Status
from votes.services import ModerationResult, Outcome


@dataclass(frozen=True)
class PickResult:
    outcome: Outcome
    picked_id: int | None  # the tool picked afterwards (None: neither, or no pick)
    has_pick: bool  # False once withdrawn (or when there was nothing to withdraw)
    status: str | None = None  # counted, held or voided; None when they have no pick

    @property
    def held(self) -> bool:
        return self.status == Status.HELD


def cast_pick(
    *,
    first: Tool,
    second: Tool,
    voter_id: str,
    picked: Tool | None,
    ip_hash: str = "",
    network_hash: str = "",
) -> PickResult:
    """Record that `voter_id` would ship with `picked` (None: neither) of the pair.

    A first pick from a network (`network_hash`) that already has VOTE_NETWORK_DAILY_CAP
    counted picks on this pair today is recorded as held: stored, not counted.
    """
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
                    cap = caps.decide(
                        PickNetworkDay,
                        network_hash=network_hash,
                        unit={"tool_a": tool_a, "tool_b": tool_b},
                        using_cap=_using_cap,
                    )
                    Pick.objects.create(
                        tool_a=tool_a,
                        tool_b=tool_b,
                        voter_id=voter_id,
                        picked_id=picked_id,
                        status=cap.status,
                        network_day=cap.group,
                        ip_hash=ip_hash,
                    )
            except IntegrityError:
                # The same visitor's other request inserted first (PostgreSQL only).
                existing = _lock_pick(tool_a, tool_b, voter_id)
                if existing is None:  # pragma: no cover - the constraint fired, so it exists
                    raise
            else:
                _move(tool_a, tool_b, [(picked_id, cap.status, +1)])
                return PickResult(Outcome.CREATED, picked_id, True, cap.status)
        if existing.picked_id == picked_id:
            return PickResult(Outcome.UNCHANGED, picked_id, True, existing.status)
        Pick.objects.filter(pk=existing.pk).update(
            picked_id=picked_id, ip_hash=ip_hash or existing.ip_hash, updated_at=timezone.now()
        )
        _move(
            tool_a,
            tool_b,
            [
                (picked_id, existing.status, +1),
                (existing.picked_id, existing.status, -1),
            ],
        )
        return PickResult(Outcome.CHANGED, picked_id, True, existing.status)


def withdraw_pick(*, first: Tool, second: Tool, voter_id: str) -> PickResult:
    """Remove `voter_id`'s pick on the pair (held or not); without one, change nothing."""
    if not voter_id:
        return PickResult(Outcome.NOTHING_TO_WITHDRAW, None, False)
    tool_a, tool_b = ordered_pair(first, second)
    with transaction.atomic():
        existing = _lock_pick(tool_a, tool_b, voter_id)
        if existing is None:
            return PickResult(Outcome.NOTHING_TO_WITHDRAW, None, False)
        Pick.objects.filter(pk=existing.pk).delete()
        _move(tool_a, tool_b, [(existing.picked_id, existing.status, -1)])
        return PickResult(Outcome.WITHDRAWN, None, False)


def release_held_picks(*, group: PickNetworkDay, editor=None) -> ModerationResult:
    """Count a group's held picks after all: they join the public result and the rankings,
    and the public moderation log says so."""
    return _moderate(group, ModerationAction.RELEASED, editor)


def void_held_picks(*, group: PickNetworkDay, editor=None) -> ModerationResult:
    """Set a group's held picks aside for good: they stay stored, never counted, and logged."""
    return _moderate(group, ModerationAction.VOIDED, editor)


def _moderate(group: PickNetworkDay, action: str, editor) -> ModerationResult:
    """Move every held pick of `group`, the pair's tally, the log and the page stamps at once."""
    new_status = Status.COUNTED if action == ModerationAction.RELEASED else Status.VOIDED
    with transaction.atomic():
        PickNetworkDay.objects.select_for_update().filter(pk=group.pk).first()
        held = Pick.objects.select_for_update().filter(network_day=group, status=Status.HELD)
        rows = list(held.values_list("id", "picked_id"))
        if not rows:
            return ModerationResult(None)
        Pick.objects.filter(pk__in=[pick_id for pick_id, _ in rows]).update(
            status=new_status, updated_at=timezone.now()
        )
        tools = Tool.objects.in_bulk([group.tool_a_id, group.tool_b_id])
        tool_a, tool_b = tools[group.tool_a_id], tools[group.tool_b_id]
        picked = [picked_id for _, picked_id in rows]
        entry = ModerationEntry.objects.create(
            subject=ModerationSubject.PICKS,
            tool=tool_a,
            other_tool=tool_b,
            action=action,
            vote_count=len(rows),
            ship_count=0,
            skip_count=0,
            tool_picks=picked.count(tool_a.pk),
            other_tool_picks=picked.count(tool_b.pk),
            neither_picks=picked.count(None),
            votes_cast_on=group.day,
            decided_by=editor,
        )
        moves = [(picked_id, Status.HELD, -1) for picked_id in picked]
        moves += [(picked_id, new_status, +1) for picked_id in picked]
        _move(tool_a, tool_b, moves)
        # Both tools' pages show the log: a void changes them too, though no count moves. After
        # the tally, as votes lock the tool rows after theirs.
        mark_tool_pages_changed([tool_a.pk, tool_b.pk])
        return ModerationResult(entry)


def _column(tool_a_id: int, picked_id: int | None, status: str) -> str | None:
    """The tally column one pick in this state adds 1 to; None for a voided pick."""
    if status == Status.VOIDED:
        return None
    if picked_id is None:
        column = "neither_count"
    elif picked_id == tool_a_id:
        column = "a_count"
    else:
        column = "b_count"
    return f"held_{column}" if status == Status.HELD else column


def _using_cap(group: PickNetworkDay):
    """The group's picks that take a counted place under the network cap (votes/caps.py)."""
    return Pick.objects.filter(network_day=group, status=Status.COUNTED)


def _lock_pick(tool_a: Tool, tool_b: Tool, voter_id: str) -> Pick | None:
    return (
        Pick.objects.select_for_update()
        .filter(tool_a=tool_a, tool_b=tool_b, voter_id=voter_id)
        .only("id", "picked_id", "status", "ip_hash")
        .first()
    )


def _move(tool_a: Tool, tool_b: Tool, moves) -> None:
    """Shift the pair's tally by `moves`, each (picked id, status, +1 or -1): the columns they
    name, netted; nothing at all when they cancel out (a voided pick changed)."""
    deltas: dict[str, int] = {}
    for picked_id, status, sign in moves:
        column = _column(tool_a.pk, picked_id, status)
        if column is not None:
            deltas[column] = deltas.get(column, 0) + sign
    deltas = {column: delta for column, delta in deltas.items() if delta}
    if deltas:
        _shift_tally(tool_a, tool_b, deltas)


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
    # Pages show counted picks only: held ones alone change nothing a reader sees, and give
    # the rankings nothing new.
    if all(column.startswith("held_") for column in deltas):
        return
    # The comparison pages and share images showing pick results are keyed by the picks
    # stamp: move it in this transaction, last, as the vote service does with the votes stamp
    # (the site-wide stamp row is held only until commit). No other page is touched.
    mark_picks_changed()
    # The category rankings refit off the request, after this pick commits.
    request_fits({tool_a.category_id, tool_b.category_id})
