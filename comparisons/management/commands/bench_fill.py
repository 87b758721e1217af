"""Fill the database with benchmark data: many tools, verdicts and votes (with matching tallies)."""

from __future__ import annotations

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from core.publishing import PublishStatus
from tools.models import Category, Tool
from tools.stamps import mark_changed, mark_votes_changed
from verdicts.models import Reviewer, Verdict
from votes.models import Vote, VoteTally

BATCH = 5000


class Command(BaseCommand):
    help = "Add N tools, verdicts on them and votes (tallies kept exact) for load benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--tools", type=int, default=500)
        parser.add_argument("--verdicts", type=int, default=5000)
        parser.add_argument("--votes", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *, tools: int, verdicts: int, votes: int, seed: int, **options):
        rng = random.Random(seed)
        category, _ = Category.objects.get_or_create(slug="bench", defaults={"name": "Benchmark"})
        with transaction.atomic():
            new_tools = Tool.objects.bulk_create(
                Tool(
                    name=f"Bench tool {n}",
                    slug=f"bench-tool-{n}",
                    category=category,
                    tagline="A tool that exists to make the database large.",
                    description="Benchmark data.",
                    description_html="<p>Benchmark data.</p>",
                    entry_price_label="Free",
                )  # fmt: skip
                for n in range(tools)
            )
            reviewers_needed = max(1, -(-verdicts // max(tools, 1)))
            reviewers = Reviewer.objects.bulk_create(
                Reviewer(
                    name=f"Bench reviewer {n}",
                    slug=f"bench-reviewer-{n}",
                    title="Bench",
                    lens="Benchmark lens.",
                    display_order=100 + n,
                )  # fmt: skip
                for n in range(reviewers_needed)
            )
            pairs = [(t, r) for r in reviewers for t in new_tools][:verdicts]
            Verdict.objects.bulk_create(
                (
                    Verdict(
                        tool=t,
                        reviewer=r,
                        decision=rng.choice(["ship", "skip"]),
                        body="Bench verdict.",
                        body_html="<p>Bench verdict.</p>",
                        body_text="Bench verdict.",
                        status=PublishStatus.PUBLISHED,
                    )  # fmt: skip
                    for t, r in pairs
                ),
                batch_size=BATCH,
            )
        counts = {tool.id: [0, 0] for tool in new_tools}
        tool_ids = list(counts)
        for start in range(0, votes, BATCH):
            rows = []
            for n in range(start, min(start + BATCH, votes)):
                tool_id = tool_ids[n % len(tool_ids)]
                ship = rng.random() < 0.6
                counts[tool_id][0 if ship else 1] += 1
                rows.append(
                    Vote(tool_id=tool_id, voter_id=f"bench-{n}", choice="ship" if ship else "skip")
                )
            with transaction.atomic():
                Vote.objects.bulk_create(rows)
        VoteTally.objects.bulk_create(
            VoteTally(tool_id=tool_id, ship_count=ship, skip_count=skip)
            for tool_id, (ship, skip) in counts.items()
        )
        # Bulk writes send no signals: move every page-cache stamp.
        mark_changed(None)
        mark_votes_changed(counts.keys())
        self.stdout.write(f"added {tools} tools, {len(pairs)} verdicts, {votes} votes")
