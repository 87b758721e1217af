"""Fill a category with benchmark tools and head-to-head picks drawn from known strengths."""

from __future__ import annotations

import time

import numpy as np
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from picks.models import Pick
from tools.models import Category, Tool

BATCH = 20_000
NEITHER_SHARE = 0.08


class Command(BaseCommand):
    help = (
        "Add a category of N tools with true strengths and M picks between random pairs (raw "
        "rows, bulk inserted), then rebuild the pair tallies in one grouped query. "
        "--pair a,b also gives that pair of existing tools M/100 picks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tools", type=int, default=200)
        parser.add_argument("--picks", type=int, default=1_000_000)
        parser.add_argument("--pair", default="", help="two existing slugs, comma-separated")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *, tools: int, picks: int, pair: str, seed: int, **options):
        """Fill; the true strengths by tool id are left on `self.true_strengths` for bench/."""
        rng = np.random.default_rng(seed)
        category, _ = Category.objects.get_or_create(
            slug="pick-bench", defaults={"name": "Pick benchmark"}
        )
        new_tools = Tool.objects.bulk_create(
            Tool(
                name=f"Pick bench tool {n}",
                slug=f"pick-bench-tool-{n}",
                category=category,
                tagline="A tool that exists to be picked.",
                entry_price_label="Free",
            )  # fmt: skip
            for n in range(tools)
        )
        ids = np.array(sorted(tool.pk for tool in new_tools))
        strength = np.exp(rng.normal(0, 1, tools))
        self.true_strengths = dict(zip(ids.tolist(), strength.tolist(), strict=True))
        started = time.perf_counter()
        first = rng.integers(0, tools, picks)
        second = (first + rng.integers(1, tools, picks)) % tools  # never the same tool
        low, high = np.minimum(first, second), np.maximum(first, second)
        low_wins = rng.random(picks) < strength[low] / (strength[low] + strength[high])
        neither = rng.random(picks) < NEITHER_SHARE
        picked = np.where(neither, 0, np.where(low_wins, ids[low], ids[high]))
        rows = zip(ids[low].tolist(), ids[high].tolist(), picked.tolist(), strict=True)
        inserted = self._insert(rows, prefix="b")
        if pair:
            slugs = pair.split(",")
            found = dict(Tool.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            a, b = sorted(found[slug] for slug in slugs)
            count = picks // 100
            pair_picks = rng.choice([a, b, 0], size=count, p=[0.55, 0.37, 0.08]).tolist()
            inserted += self._insert(((a, b, p) for p in pair_picks), prefix="p")
        self.stdout.write(f"Inserted {inserted:,} picks in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        call_command("recount_picks", stdout=self.stdout)
        self.stdout.write(f"Tallies rebuilt in {time.perf_counter() - started:.1f} s")

    def _insert(self, rows, *, prefix: str) -> int:
        table = Pick._meta.db_table
        sql = (
            f"INSERT INTO {table} (tool_a_id, tool_b_id, voter_id, picked_id, status, ip_hash, "
            "created_at, updated_at) VALUES (%s, %s, %s, %s, 'counted', '', %s, %s)"
        )
        now = timezone.now()
        count = 0
        batch = []
        with transaction.atomic(), connection.cursor() as cursor:
            for a, b, picked in rows:
                batch.append((a, b, f"{prefix}{count:031x}", picked or None, now, now))
                count += 1
                if len(batch) == BATCH:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
        return count
