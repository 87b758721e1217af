"""Time how long a share image takes to draw: `manage.py time_share_image [--runs 20]`."""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand

from comparisons.share import ShareCard, draw_share_image


def _cards(count: int) -> list[ShareCard]:
    return [
        ShareCard(
            name=f"Code Llama {n} (70B & 400B) Instruct",
            category="Developer Tools",
            initials="CL",
            logo="",
            panel_ship=3,
            panel_total=4,
            community_ship=1_250,
            community_skip=310,
        )
        for n in range(count)
    ]


class Command(BaseCommand):
    help = "Draw share images for 1 to 4 tools several times and print the median and worst time."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args, runs: int, **options):
        draw_share_image(_cards(2))  # load the font once, as a running server already has
        for count in range(1, 5):
            cards = _cards(count)
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                png = draw_share_image(cards)
                timings.append((time.perf_counter() - started) * 1000)
            median = statistics.median(timings)
            self.stdout.write(
                f"{count} tool{'s' if count > 1 else ' '}: median {median:.1f} ms, "
                f"worst {max(timings):.1f} ms, {len(png) // 1024} KB"
            )
