"""Writes that span the vote row and the tally: each one transaction, rows first, counts by F().

The rule that keeps every vote counted exactly once: the unique (tool, voter) row is written
first, and the tally moves by the delta that write made, with `F()` arithmetic in the same
transaction. Counts are never read into Python and written back.

Concurrency, per database:
- SQLite runs transactions as BEGIN IMMEDIATE (see compare_site/env.py), so writers queue on
  the busy timeout and each vote sees the previous one committed.
- PostgreSQL runs READ COMMITTED: the voter's row is locked with SELECT ... FOR UPDATE before it
  changes, a racing insert of the same (tool, voter) is caught by the unique constraint inside
  a savepoint, and every tally UPDATE re-reads the latest committed counts under its row lock.
  A transaction locks one vote row and then one tally row, always in that order: no deadlocks.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tools.models import Tool
from tools.stamps import mark_votes_changed
from votes.models import Choice, Vote, VoteTally


class Outcome(enum.StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    WITHDRAWN = "withdrawn"
    NOTHING_TO_WITHDRAW = "nothing to withdraw"


@dataclass(frozen=True)
class VoteResult:
    outcome: Outcome
    choice: str | None  # the voter's vote on this tool afterwards; None when they have none


def cast_vote(*, tool: Tool, voter_id: str, choice: str, ip_hash: str = "") -> VoteResult:
    """Record `voter_id`'s `choice` on `tool`: a first vote, a change of mind, or no change."""
    if choice not in Choice.values:
        raise ValueError(f"A vote is 'ship' or 'skip', not {choice!r}.")
    if not voter_id:
        raise ValueError("A vote needs a voter id.")
    with transaction.atomic():
        existing = _lock_vote(tool, voter_id)
        if existing is None:
            try:
                with transaction.atomic():
                    Vote.objects.create(
                        tool=tool, voter_id=voter_id, choice=choice, ip_hash=ip_hash
                    )
            except IntegrityError:
                # The same visitor's other request inserted first (PostgreSQL only; SQLite's
                # IMMEDIATE transactions cannot interleave). Its row is committed now: lock it.
                existing = _lock_vote(tool, voter_id)
                if existing is None:  # pragma: no cover - the constraint fired, so it exists
                    raise
            else:
                _shift_tally(tool, {choice: +1})
                return VoteResult(Outcome.CREATED, choice)
        if existing.choice == choice:
            return VoteResult(Outcome.UNCHANGED, choice)
        Vote.objects.filter(pk=existing.pk).update(
            choice=choice, ip_hash=ip_hash or existing.ip_hash, updated_at=timezone.now()
        )
        _shift_tally(tool, {choice: +1, existing.choice: -1})
        return VoteResult(Outcome.CHANGED, choice)


def withdraw_vote(*, tool: Tool, voter_id: str) -> VoteResult:
    """Remove `voter_id`'s vote on `tool` (the "undo"); without one, change nothing."""
    if not voter_id:
        return VoteResult(Outcome.NOTHING_TO_WITHDRAW, None)
    with transaction.atomic():
        existing = _lock_vote(tool, voter_id)
        if existing is None:
            return VoteResult(Outcome.NOTHING_TO_WITHDRAW, None)
        Vote.objects.filter(pk=existing.pk).delete()
        _shift_tally(tool, {existing.choice: -1})
        return VoteResult(Outcome.WITHDRAWN, None)


def _lock_vote(tool: Tool, voter_id: str) -> Vote | None:
    """The voter's row, locked until commit (FOR UPDATE on PostgreSQL; SQLite is serialised)."""
    return (
        Vote.objects.select_for_update()
        .filter(tool=tool, voter_id=voter_id)
        .only("id", "choice", "ip_hash")
        .first()
    )


def _shift_tally(tool: Tool, deltas: dict[str, int]) -> None:
    """Move the tool's counts by `deltas` ({"ship": +1, "skip": -1}) with F() arithmetic.

    A tool's first vote creates its tally row; INSERT ... ON CONFLICT DO NOTHING lets two
    first votes race safely, and the UPDATE that follows counts both.
    """
    changes = {f"{choice}_count": F(f"{choice}_count") + delta for choice, delta in deltas.items()}
    changes["updated_at"] = timezone.now()
    tally = VoteTally.objects.filter(tool=tool)
    if not tally.update(**changes):
        VoteTally.objects.bulk_create([VoteTally(tool=tool)], ignore_conflicts=True)
        tally.update(**changes)
    # The tool's pages and the community figures in lists are keyed by stamps moved in this
    # same transaction, so the new figure and the new cache keys commit together. Last, so the
    # votes stamp (one row every vote touches) is held only until the commit.
    mark_votes_changed([tool.pk])
