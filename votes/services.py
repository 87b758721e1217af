"""Writes that span the vote row and the tally: each one transaction, rows first, counts by F().

The rule that keeps every vote counted exactly once: the unique (tool, voter) row is written
first, and the tally moves by the delta that write made, with `F()` arithmetic in the same
transaction. Counts are never read into Python and written back. A vote adds to the tally
fields its state names (`_tally_fields`): counted ship, held skip, counted-and-verified ship...
so every change of choice, state or verification moves exactly "new fields +1, old fields -1".

Concurrency, per database:
- SQLite runs transactions as BEGIN IMMEDIATE (see compare_site/env.py), so writers queue on
  the busy timeout and each vote sees the previous one committed.
- PostgreSQL runs READ COMMITTED: the voter's row is locked with SELECT ... FOR UPDATE before it
  changes, a racing insert of the same (tool, voter) is caught by the unique constraint inside
  a savepoint, and every tally UPDATE re-reads the latest committed counts under its row lock.
  A new vote from a known network first locks its network's group for the day, so two votes
  racing for the last counted place cannot both take it. Locks are taken in the order group,
  vote row, tally row, tool row (its stamps), and never the other way round: no deadlocks.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tools.models import Tool
from tools.stamps import mark_tool_pages_changed, mark_votes_changed
from votes import caps
from votes.models import (
    Choice,
    ModerationAction,
    ModerationEntry,
    NetworkDay,
    Status,
    Vote,
    VoteTally,
)


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
    status: str | None = None  # counted, held or voided; None when they have no vote
    verified: bool = False

    @property
    def held(self) -> bool:
        return self.status == Status.HELD


def cast_vote(
    *, tool: Tool, voter_id: str, choice: str, ip_hash: str = "", network_hash: str = ""
) -> VoteResult:
    """Record `voter_id`'s `choice` on `tool`: a first vote, a change of mind, or no change.

    A first vote from a network (`network_hash`) that already has VOTE_NETWORK_DAILY_CAP
    counted votes on this tool today is recorded as held: stored, not counted (the one rule
    in votes/caps.py, which picks share).
    """
    if choice not in Choice.values:
        raise ValueError(f"A vote is 'ship' or 'skip', not {choice!r}.")
    if not voter_id:
        raise ValueError("A vote needs a voter id.")
    with transaction.atomic():
        existing = _lock_vote(tool, voter_id)
        if existing is None:
            try:
                with transaction.atomic():
                    cap = caps.decide(
                        NetworkDay,
                        network_hash=network_hash,
                        unit={"tool": tool},
                        using_cap=_using_cap,
                    )
                    status = cap.status
                    Vote.objects.create(
                        tool=tool,
                        voter_id=voter_id,
                        choice=choice,
                        status=status,
                        network_day=cap.group,
                        ip_hash=ip_hash,
                    )
            except IntegrityError:
                # The same visitor's other request inserted first (PostgreSQL only; SQLite's
                # IMMEDIATE transactions cannot interleave). Its row is committed now: lock it.
                existing = _lock_vote(tool, voter_id)
                if existing is None:  # pragma: no cover - the constraint fired, so it exists
                    raise
            else:
                _shift_tally(tool, _tally_fields(status, choice, verified=False), +1)
                return VoteResult(Outcome.CREATED, choice, status)
        if existing.choice == choice:
            return VoteResult(Outcome.UNCHANGED, choice, existing.status, existing.is_verified)
        Vote.objects.filter(pk=existing.pk).update(
            choice=choice, ip_hash=ip_hash or existing.ip_hash, updated_at=timezone.now()
        )
        verified = existing.is_verified
        _shift_tally(
            tool,
            _tally_fields(existing.status, choice, verified=verified),
            +1,
            _tally_fields(existing.status, existing.choice, verified=verified),
        )
        return VoteResult(Outcome.CHANGED, choice, existing.status, verified)


def withdraw_vote(*, tool: Tool, voter_id: str) -> VoteResult:
    """Remove `voter_id`'s vote on `tool` (the "undo"); without one, change nothing."""
    if not voter_id:
        return VoteResult(Outcome.NOTHING_TO_WITHDRAW, None)
    with transaction.atomic():
        existing = _lock_vote(tool, voter_id)
        if existing is None:
            return VoteResult(Outcome.NOTHING_TO_WITHDRAW, None)
        Vote.objects.filter(pk=existing.pk).delete()
        fields = _tally_fields(existing.status, existing.choice, verified=existing.is_verified)
        _shift_tally(tool, fields, -1)
        return VoteResult(Outcome.WITHDRAWN, None)


@dataclass(frozen=True)
class ModerationResult:
    entry: ModerationEntry | None  # None: the group had no held votes left to decide


def release_held_votes(*, group: NetworkDay, editor=None) -> ModerationResult:
    """Count a group's held votes after all: they join the public figure, and the log says so."""
    return _moderate(group, ModerationAction.RELEASED, editor)


def void_held_votes(*, group: NetworkDay, editor=None) -> ModerationResult:
    """Set a group's held votes aside for good: they stay stored, never counted, and logged."""
    return _moderate(group, ModerationAction.VOIDED, editor)


def _moderate(group: NetworkDay, action: str, editor) -> ModerationResult:
    """Move every held vote of `group`, its tallies, the log and the page stamps at once."""
    new_status = Status.COUNTED if action == ModerationAction.RELEASED else Status.VOIDED
    with transaction.atomic():
        NetworkDay.objects.select_for_update().filter(pk=group.pk).first()
        held = Vote.objects.select_for_update().filter(network_day=group, status=Status.HELD)
        counts = dict.fromkeys(Choice.values, 0)
        vote_ids = []
        for vote_id, choice in held.values_list("id", "choice"):
            counts[choice] += 1
            vote_ids.append(vote_id)
        if not vote_ids:
            return ModerationResult(None)
        Vote.objects.filter(pk__in=vote_ids).update(status=new_status, updated_at=timezone.now())
        deltas: dict[str, int] = {}
        for choice, number in counts.items():
            for field in _tally_fields(Status.HELD, choice, verified=False):
                deltas[field] = deltas.get(field, 0) - number
            for field in _tally_fields(new_status, choice, verified=False):
                deltas[field] = deltas.get(field, 0) + number
        entry = ModerationEntry.objects.create(
            tool_id=group.tool_id,
            action=action,
            vote_count=len(vote_ids),
            ship_count=counts[Choice.SHIP],
            skip_count=counts[Choice.SKIP],
            votes_cast_on=group.day,
            decided_by=editor,
        )
        # The tool page shows the log: a void changes it too, though no public count moves.
        _move_tally(group.tool_id, deltas, page_changed=True)
        return ModerationResult(entry)


class VerifyOutcome(enum.StrEnum):
    VERIFIED = "verified"
    ALREADY_VERIFIED = "already verified"
    ADDRESS_USED = "address used"  # this address verified another vote on the tool
    NO_VOTE = "no vote"  # withdrawn since the link was sent
    VOIDED = "voided"


def verify_vote(*, vote_id: int, hashed_address: str) -> VerifyOutcome:
    """Mark a vote verified by an address: it counts (a held vote is held no longer) and joins
    the verified figure. One verified vote per address per tool, kept by a unique constraint."""
    with transaction.atomic():
        vote = (
            Vote.objects.select_for_update()
            .filter(pk=vote_id)
            .only("id", "tool_id", "choice", "status", "verified_hash")
            .first()
        )
        if vote is None:
            return VerifyOutcome.NO_VOTE
        if vote.is_verified:
            return VerifyOutcome.ALREADY_VERIFIED
        if vote.status == Status.VOIDED:
            return VerifyOutcome.VOIDED
        try:
            with transaction.atomic():
                Vote.objects.filter(pk=vote.pk).update(
                    status=Status.COUNTED,
                    verified_hash=hashed_address,
                    verified_at=timezone.now(),
                    updated_at=timezone.now(),
                )
        except IntegrityError:  # one_verified_vote_per_address_per_tool
            return VerifyOutcome.ADDRESS_USED
        deltas: dict[str, int] = {}
        for field in _tally_fields(Status.COUNTED, vote.choice, verified=True):
            deltas[field] = deltas.get(field, 0) + 1
        for field in _tally_fields(vote.status, vote.choice, verified=False):
            deltas[field] = deltas.get(field, 0) - 1
        _move_tally(vote.tool_id, deltas)
        return VerifyOutcome.VERIFIED


def _lock_vote(tool: Tool, voter_id: str) -> Vote | None:
    """The voter's row, locked until commit (FOR UPDATE on PostgreSQL; SQLite is serialised)."""
    return (
        Vote.objects.select_for_update()
        .filter(tool=tool, voter_id=voter_id)
        .only("id", "choice", "status", "ip_hash", "verified_hash")
        .first()
    )


def _using_cap(group: NetworkDay):
    """The group's votes that take a counted place (votes/caps.py). Verified votes take none:
    they are never held, so they never take an unverified voter's place either."""
    return Vote.objects.filter(network_day=group, status=Status.COUNTED, verified_hash="")


def _tally_fields(status: str, choice: str, *, verified: bool) -> list[str]:
    """The tally fields one vote in this state adds 1 to."""
    if status == Status.COUNTED:
        return [f"{choice}_count"] + ([f"verified_{choice}_count"] if verified else [])
    if status == Status.HELD:
        return [f"held_{choice}_count"]
    return []  # voided: stored, counted nowhere


def _shift_tally(tool: Tool, fields: list[str], sign: int, undo: list[str] = ()) -> None:
    """Add `sign` to each of `fields` and take 1 from each of `undo`."""
    deltas: dict[str, int] = {}
    for field in fields:
        deltas[field] = deltas.get(field, 0) + sign
    for field in undo:
        deltas[field] = deltas.get(field, 0) - 1
    _move_tally(tool.pk, deltas)


def _move_tally(tool_id: int, deltas: dict[str, int], *, page_changed: bool = False) -> None:
    """Move the tool's counts by `deltas` ({"ship_count": +1, ...}) with F() arithmetic.

    A tool's first vote creates its tally row; INSERT ... ON CONFLICT DO NOTHING lets two
    first votes race safely, and the UPDATE that follows counts both. Pages show no held
    counts, so a move of held counts alone leaves the cache be: a flood of held votes never
    empties it. `page_changed`: the tool's own pages show what changed (the moderation log).
    """
    changes = {field: F(field) + delta for field, delta in deltas.items() if delta}
    if not changes:
        if page_changed:
            mark_tool_pages_changed([tool_id])
        return
    changes["updated_at"] = timezone.now()
    tally = VoteTally.objects.filter(tool_id=tool_id)
    if not tally.update(**changes):
        VoteTally.objects.bulk_create([VoteTally(tool_id=tool_id)], ignore_conflicts=True)
        tally.update(**changes)
    # The tool row is locked after the tally, in every path (the lock order above).
    if page_changed:
        mark_tool_pages_changed([tool_id])
    if all(field.startswith("held_") for field in deltas if deltas[field]):
        return
    # The fragments showing the tool's figures are keyed by stamps moved in this same
    # transaction, so the new figure and the new cache keys commit together. Last, so the
    # votes stamp (one row every vote touches) is held only until the commit.
    mark_votes_changed([tool_id])
