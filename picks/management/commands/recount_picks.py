"""Rebuild every pair's tally (counted and held) from its pick rows, in one GROUP BY."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, F, Q

from picks.models import PairTally, Pick
from tools.stamps import mark_picks_changed
from votes.models import Status

# Each tally column and the rows it counts (voided picks are counted nowhere).
COLUMNS = {
    f"{prefix}{column}": Q(status=status) & chosen
    for prefix, status in (("", Status.COUNTED), ("held_", Status.HELD))
    for column, chosen in (
        ("a_count", Q(picked=F("tool_a"))),
        ("b_count", Q(picked=F("tool_b"))),
        ("neither_count", Q(picked__isnull=True)),
    )
}
NONE = (0,) * len(COLUMNS)


class Command(BaseCommand):
    help = (
        "Count the pick rows of every pair, counted and held (one grouped query), compare with "
        "the tallies and fix any drift. Safe while picks arrive: every tally row is locked "
        "before the count."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report drift, fix nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        with transaction.atomic():
            # Lock every tally first (FOR UPDATE on PostgreSQL; SQLite is serialised): a pick
            # in flight either committed before the count, or waits and then moves the
            # rebuilt tally by F() like any other pick.
            list(PairTally.objects.select_for_update().values_list("id", flat=True))
            counted = {
                (a, b): tuple(counts)
                for a, b, *counts in Pick.objects.order_by()
                .values("tool_a_id", "tool_b_id")
                .annotate(**{column: Count("id", filter=rule) for column, rule in COLUMNS.items()})
                .values_list("tool_a_id", "tool_b_id", *COLUMNS)
            }
            tallied = {
                (a, b): tuple(counts)
                for a, b, *counts in PairTally.objects.values_list(
                    "tool_a_id", "tool_b_id", *COLUMNS
                )
            }
            drifted = {
                pair: counted.get(pair, NONE)
                for pair in counted.keys() | tallied.keys()
                if counted.get(pair, NONE) != tallied.get(pair, NONE)
            }
            if drifted and not dry_run:
                PairTally.objects.bulk_create(
                    [
                        PairTally(
                            tool_a_id=a, tool_b_id=b, **dict(zip(COLUMNS, counts, strict=True))
                        )
                        for (a, b), counts in drifted.items()
                    ],
                    update_conflicts=True,
                    unique_fields=["tool_a", "tool_b"],
                    update_fields=list(COLUMNS),
                    batch_size=2000,
                )
                mark_picks_changed()
        pairs = f"{len(counted.keys() | tallied.keys()):,} pairs"
        if not drifted:
            self.stdout.write(self.style.SUCCESS(f"Recounted {pairs}: no drift."))
        else:
            done = "not fixed" if dry_run else "fixed"
            self.stdout.write(self.style.WARNING(f"Drift on {len(drifted):,} of {pairs}; {done}."))
