"""Rebuild every tool's tally from its vote rows and report any drift found."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from tools.models import Tool
from votes.models import Vote, VoteTally


class Command(BaseCommand):
    help = (
        "Count the vote rows of every tool, compare with its tally, and fix any drift "
        "(safe while votes arrive: each tool is recounted under its tally's row lock)."
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
                (was_ship, was_skip), (ship, skip) = drift
                self.stdout.write(
                    f"{slugs.get(tool_id, tool_id)}: tally said {was_ship} ship / {was_skip} "
                    f"skip, rows say {ship} ship / {skip} skip "
                    f"(ship {ship - was_ship:+d}, skip {skip - was_skip:+d})"
                    + ("" if dry_run else " — fixed")
                )
        checked = f"{len(tool_ids)} tool{'s' if len(tool_ids) != 1 else ''}"
        if not drifted:
            self.stdout.write(self.style.SUCCESS(f"Recounted {checked}: no drift."))
        elif dry_run:
            self.stdout.write(self.style.WARNING(f"Drift on {drifted} of {checked}; not fixed."))
        else:
            self.stdout.write(self.style.WARNING(f"Fixed drift on {drifted} of {checked}."))


def recount_tool(tool_id: int, *, fix: bool) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Recount one tool; return ((tally ship, skip), (rows ship, skip)) if they differed.

    The tally row is locked first (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so a
    vote in flight either committed before the count (and is counted in both) or waits and
    then moves the rebuilt tally by F() like any other vote.
    """
    with transaction.atomic():
        if fix:  # a tool with votes but no tally row gets one to lock and fill
            VoteTally.objects.bulk_create([VoteTally(tool_id=tool_id)], ignore_conflicts=True)
        tally = VoteTally.objects.select_for_update().filter(tool_id=tool_id).first()
        before = (tally.ship_count, tally.skip_count) if tally else (0, 0)
        ship, skip = Vote.objects.filter(tool_id=tool_id).counts_by_tool().get(tool_id, (0, 0))
        if before == (ship, skip):
            return None
        if fix:
            tally.ship_count, tally.skip_count = ship, skip
            tally.save(update_fields=["ship_count", "skip_count", "updated_at"])
        return before, (ship, skip)
