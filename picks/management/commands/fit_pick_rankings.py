"""Fit and store the Bradley–Terry ranking of every category (or the named ones) now."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from picks.rankings import fit_category
from tools.models import Category


class Command(BaseCommand):
    help = (
        "Refit the head-to-head rankings from the pair tallies and store them (pages read the "
        "stored fit). Picks queue fits by themselves; run this after a bulk import or from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("categories", nargs="*", metavar="SLUG", help="Only these categories.")

    def handle(self, *args, categories: list[str], **options):
        chosen = Category.objects.all()
        if categories:
            chosen = chosen.filter(slug__in=categories)
            missing = set(categories) - set(chosen.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No category called {', '.join(sorted(missing))}.")
        for category in chosen:
            started = time.perf_counter()
            ranking = fit_category(category)
            ranked = ranking.places.count()
            self.stdout.write(
                f"{category.slug}: {ranked} tool{'s' if ranked != 1 else ''} ranked from "
                f"{ranking.decisive_picks:,} picks ({ranking.neither_picks:,} for neither, left "
                f"out) in {time.perf_counter() - started:.2f} s"
            )
