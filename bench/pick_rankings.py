"""Head-to-head benchmark: fit a category of 200 tools from 1,000,000 picks, and show that the
comparison page's queries and render time do not grow with the number of picks.

On a fresh database (a temporary SQLite file unless DATABASE_URL is set): the demo data, then
the comparison page rendered uncached; then `bench_fill_picks` bulk-inserts the picks as raw
rows and rebuilds the tallies in one grouped query; the page again; then the category fit
(the work the task does: read the tallies, fit, bootstrap refits, store), timed.

    .venv/bin/python bench/pick_rankings.py
    .venv/bin/python bench/pick_rankings.py --tools 200 --picks 1000000 --renders 30
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_picks \
        .venv/bin/python bench/pick_rankings.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_PAIR = ("code-llama-4", "mistral-8b-instruct-v3")
PAGE = f"/compare/{DEMO_PAIR[0]}-vs-{DEMO_PAIR[1]}/"


def render_page(renders: int) -> tuple[int, float]:
    """(queries, median ms) of the comparison page rendered from the database each time."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(3):  # warm: templates compiled, connections open
        client.get(PAGE)
    timings = []
    for _ in range(renders):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(PAGE)
            timings.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, response.status_code
    return len(queries), statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--tools", type=int, default=200)
    parser.add_argument("--picks", type=int, default=1_000_000)
    parser.add_argument("--renders", type=int, default=30)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pick-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["PAGE_CACHE"] = "false"  # every render reads the database
    os.environ["DJANGO_SETTINGS_MODULE"] = "compare_site.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command

    from picks.management.commands.bench_fill_picks import Command as Fill
    from picks.rankings import fit_category
    from tools.models import Category

    print(f"database: {os.environ['DATABASE_URL']}")
    call_command("migrate", verbosity=0)
    call_command("loaddata", "demo", verbosity=0)
    before = render_page(args.renders)
    fill = Fill()
    call_command(fill, tools=args.tools, picks=args.picks, pair=",".join(DEMO_PAIR))
    after = render_page(args.renders)

    category = Category.objects.get(slug="pick-bench")
    started, cpu_started = time.perf_counter(), time.process_time()
    ranking = fit_category(category)
    fit_seconds = time.perf_counter() - started
    fit_cpu = time.process_time() - cpu_started

    places = list(ranking.places.all())
    fitted = np.log([place.strength for place in places])
    true = np.log([fill.true_strengths[place.tool_id] for place in places])
    widths = [place.rank_high - place.rank_low for place in places]
    print(f"\ncomparison page, {args.renders} uncached renders each")
    print(f"{'':<22}{'queries':>8}{'median ms':>11}")
    print(f"{'no picks':<22}{before[0]:>8}{before[1]:>11.1f}")
    print(f"{f'{args.picks:,} picks':<22}{after[0]:>8}{after[1]:>11.1f}")
    print(
        f"\ncategory fit: {len(places)} of {args.tools} tools ranked from "
        f"{ranking.decisive_picks:,} decisive picks ({ranking.neither_picks:,} neither), "
        f"{ranking.bootstrap_samples} bootstrap refits"
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"fit and store: {fit_seconds:.2f} s ({fit_cpu:.2f} s of CPU; load average {load})")
    print(f"log-strength correlation with the truth: {np.corrcoef(fitted, true)[0, 1]:.4f}; "
          f"median rank-range width {statistics.median(widths)}")  # fmt: skip


if __name__ == "__main__":
    main()
