"""Rebuild every tool's tally (counted, held and verified) from its vote rows; report drift."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, Q

from tools.models import Tool
from votes.models import Choice, Status, Vote, VoteTally

# Each tally field and the rows it counts.
TALLY_FIELDS = {
    "ship_count": Q(status=Status.COUNTED, choice=Choice.SHIP),
    "skip_count": Q(status=Status.COUNTED, choice=Choice.SKIP),
    "held_ship_count": Q(status=Status.HELD, choice=Choice.SHIP),
    "held_skip_count": Q(status=Status.HELD, choice=Choice.SKIP),
    "verified_ship_count": Q(status=Status.COUNTED, choice=Choice.SHIP) & ~Q(verified_hash=""),
    "verified_skip_count": Q(status=Status.COUNTED, choice=Choice.SKIP) & ~Q(verified_hash=""),
}
FIGURES = {"": "counted", "held_": "held", "verified_": "verified"}


class Command(BaseCommand):
    help = (
        "Count the vote rows of every tool (counted, held and verified), compare with its "
        "tally, and fix any drift (safe while votes arrive: each tool is recounted under its "
        "tally's row lock)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report drift without fixing it."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        tool_ids = set(VoteTally.objects.values_list("tool_id", flat=True))
        tool_ids |= set(Vote.objects.order_by().values_list("tool_id", flat=True).distinct())
        slugs = dict(Tool.objects.filter(pk__in=tool_ids).values_list("pk", "slug"))
        drifted = 0
        for tool_id in sorted(tool_ids):
            drift = recount_tool(tool_id, fix=not dry_run)
            if drift:
                drifted += 1
                before, after = drift
                for prefix, figure in FIGURES.items():
                    was = (before[f"{prefix}ship_count"], before[f"{prefix}skip_count"])
                    now = (after[f"{prefix}ship_count"], after[f"{prefix}skip_count"])
                    if was == now:
                        continue
                    self.stdout.write(
                        f"{slugs.get(tool_id, tool_id)}: {figure} tally said {was[0]} ship / "
                        f"{was[1]} skip, rows say {now[0]} ship / {now[1]} skip "
                        f"(ship {now[0] - was[0]:+d}, skip {now[1] - was[1]:+d})"
                        + ("" if dry_run else " — fixed")
                    )
        checked = f"{len(tool_ids)} tool{'s' if len(tool_ids) != 1 else ''}"
        if not drifted:
            self.stdout.write(self.style.SUCCESS(f"Recounted {checked}: no drift."))
        elif dry_run:
            self.stdout.write(self.style.WARNING(f"Drift on {drifted} of {checked}; not fixed."))
        else:
            self.stdout.write(self.style.WARNING(f"Fixed drift on {drifted} of {checked}."))


def recount_tool(tool_id: int, *, fix: bool) -> tuple[dict[str, int], dict[str, int]] | None:
    """Recount one tool; return (tally's fields, the rows' fields) if they differed.

    The tally row is locked first (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so a
    vote in flight either committed before the count (and is counted in both) or waits and
    then moves the rebuilt tally by F() like any other vote.
    """
    with transaction.atomic():
        if fix:  # a tool with votes but no tally row gets one to lock and fill
            VoteTally.objects.bulk_create([VoteTally(tool_id=tool_id)], ignore_conflicts=True)
        tally = VoteTally.objects.select_for_update().filter(tool_id=tool_id).first()
        before = {field: getattr(tally, field) if tally else 0 for field in TALLY_FIELDS}
        rows = Vote.objects.filter(tool_id=tool_id).aggregate(
            **{field: Count("id", filter=rule) for field, rule in TALLY_FIELDS.items()}
        )
        if before == rows:
            return None
        if fix:
            for field, value in rows.items():
                setattr(tally, field, value)
            tally.save(update_fields=[*TALLY_FIELDS, "updated_at"])
        return before, rows
