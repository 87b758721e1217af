"""Rebuild every pair's tally from its pick rows, counted by the database in one GROUP BY."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, F, Q

from picks.models import PairTally, Pick
from tools.stamps import mark_changed


class Command(BaseCommand):
    help = (
        "Count the pick rows of every pair (one grouped query), compare with the tallies and "
        "fix any drift. Safe while picks arrive: every tally row is locked before the count."
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
                (a, b): (ac, bc, nc)
                for a, b, ac, bc, nc in Pick.objects.order_by()
                .values("tool_a_id", "tool_b_id")
                .annotate(
                    ac=Count("id", filter=Q(picked=F("tool_a"))),
                    bc=Count("id", filter=Q(picked=F("tool_b"))),
                    nc=Count("id", filter=Q(picked__isnull=True)),
                )
                .values_list("tool_a_id", "tool_b_id", "ac", "bc", "nc")
            }
            tallied = {
                (a, b): (ac, bc, nc)
                for a, b, ac, bc, nc in PairTally.objects.values_list(
                    "tool_a_id", "tool_b_id", "a_count", "b_count", "neither_count"
                )
            }
            drifted = {
                pair: counted.get(pair, (0, 0, 0))
                for pair in counted.keys() | tallied.keys()
                if counted.get(pair, (0, 0, 0)) != tallied.get(pair, (0, 0, 0))
            }
            if drifted and not dry_run:
                PairTally.objects.bulk_create(
                    [
                        PairTally(
                            tool_a_id=a, tool_b_id=b, a_count=ac, b_count=bc, neither_count=nc
                        )
                        for (a, b), (ac, bc, nc) in drifted.items()
                    ],
                    update_conflicts=True,
                    unique_fields=["tool_a", "tool_b"],
                    update_fields=["a_count", "b_count", "neither_count"],
                    batch_size=2000,
                )
                mark_changed({tool_id for pair in drifted for tool_id in pair})
        pairs = f"{len(counted.keys() | tallied.keys()):,} pairs"
        if not drifted:
            self.stdout.write(self.style.SUCCESS(f"Recounted {pairs}: no drift."))
        else:
            done = "not fixed" if dry_run else "fixed"
            self.stdout.write(self.style.WARNING(f"Drift on {len(drifted):,} of {pairs}; {done}."))
