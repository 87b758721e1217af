"""Concurrent votes against the real site under gunicorn: the load test and the benchmark.

    .venv/bin/python -m bench.vote_load                       # SQLite and PostgreSQL
    .venv/bin/python -m bench.vote_load --database sqlite --voters 4000

Each run migrates a fresh database (a temporary SQLite file, or a dedicated PostgreSQL
database named after DATABASE_URL's with a "_voteload" suffix), loads the demo data, starts
gunicorn with 2 workers on a free 127.0.0.1 port with VOTE_RATE_LIMIT=0 (bench/load_site.py),
and sends votes from concurrent clients. Every voter is a distinct browser (its own CSRF
cookie, from a page fetched before the timed part, and its own voter cookie); a share of them
vote a second time the other way. Afterwards it compares the vote rows, the tallies and the
votes the clients saw accepted, scans gunicorn's log for "database is locked", and runs
`recount_votes`. Only 127.0.0.1 is ever contacted, and every step is bounded in requests and
time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.load_site import (
    DEMO_SLUGS,
    NETWORK_CAP,
    Counts,
    LoadDatabase,
    gunicorn,
    is_postgres,
    manage,
    request,
    server_environment,
)

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/shipboard"
VOTER_COOKIE = "shipboard_voter"
CSRF_PATTERN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- The clients ----------------------------------------------------------------------------


@dataclass
class Voter:
    number: int
    slug: str
    choices: list[str]  # one vote, or two in opposite directions
    uses_htmx: bool
    cookie: str = ""  # the signed voter cookie the server issued
    csrf: tuple[str, str] = ("", "")  # the form's token and the CSRF cookie of its page
    accepted: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    voters: int
    clients: int
    sent: int = 0
    accepted: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # exceptions, not HTTP statuses
    latencies: list[float] = field(default_factory=list)  # seconds, per vote
    elapsed: float = 0.0
    expected: Counts = field(default_factory=dict)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def votes_per_second(self) -> float:
        return self.accepted / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        """Latency at `share` (0.5, 0.99) in milliseconds, nearest-rank."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
        return 1000 * ordered[rank]


def plan_voters(voters: int, *, slugs: list[str], change_share: float, seed: int) -> list[Voter]:
    rng = random.Random(seed)
    changers = set(rng.sample(range(voters), round(voters * change_share)))
    plan = []
    for number in range(voters):
        first = rng.choice(["ship", "skip"])
        choices = [first, "skip" if first == "ship" else "ship"] if number in changers else [first]
        plan.append(Voter(number, slugs[number % len(slugs)], choices, uses_htmx=number % 2 == 0))
    return plan


def run_load(
    address: str,
    *,
    voters: int,
    clients: int = 16,
    change_share: float = 0.1,
    slugs: list[str] | None = None,
    seed: int = 20261127,
    time_limit: float = 90.0,
) -> LoadReport:
    """Send every planned vote from `clients` threads; return what the clients saw."""
    host, port = address.rsplit(":", 1)
    slugs = slugs or DEMO_SLUGS
    plan = plan_voters(voters, slugs=slugs, change_share=change_share, seed=seed)
    report = LoadReport(voters=voters, clients=clients)
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    # Each voter's browser opens the page first, for its own CSRF cookie and token: a vote
    # from a browser without a voter cookie counts under an id derived from its CSRF cookie.
    def open_page(voter: Voter) -> None:
        voter.csrf = csrf_session(host, int(port), voter.slug)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(open_page, plan))

    def client(index: int) -> None:
        mine = plan[index::clients]
        # First votes, then second thoughts: other clients are mid-way through theirs.
        rounds = [(voter, 0) for voter in mine] + [
            (voter, 1) for voter in mine if len(voter.choices) > 1
        ]
        for voter, round_number in rounds:
            if time.monotonic() > deadline:
                with lock:
                    report.failures.append("time limit reached before every vote was sent")
                return
            token, csrf_cookie = voter.csrf
            send_vote(host, int(port), voter, voter.choices[round_number], token, csrf_cookie,
                      report, lock)  # fmt: skip

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(client, index) for index in range(clients)]:
            future.result()
    report.elapsed = time.perf_counter() - started
    report.expected = expected_counts(plan)
    return report


def csrf_session(host: str, port: int, slug: str) -> tuple[str, str]:
    status, cookies, body = request(host, port, "GET", f"/tools/{slug}/")
    token = CSRF_PATTERN.search(body.decode())
    cookie = next((c.split(";", 1)[0] for c in cookies if c.startswith("csrftoken=")), "")
    if status != 200 or not token or not cookie:
        raise RuntimeError(f"GET /tools/{slug}/ gave {status} without a CSRF token and cookie")
    return token.group(1), cookie


def send_vote(host, port, voter: Voter, choice, token, csrf_cookie, report, lock) -> None:
    cookies = [csrf_cookie] + ([f"{VOTER_COOKIE}={voter.cookie}"] if voter.cookie else [])
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(cookies),
        "Referer": f"http://{host}:{port}/tools/{voter.slug}/",
    }
    if voter.uses_htmx:
        headers["HX-Request"] = "true"
    body = urlencode({"csrfmiddlewaretoken": token, "choice": choice})
    started = time.perf_counter()
    try:
        status, set_cookies, _ = request(
            host, port, "POST", f"/tools/{voter.slug}/vote/", body, headers
        )
    except OSError as error:
        with lock:
            report.sent += 1
            report.failures.append(f"voter {voter.number}: {error!r}")
        return
    latency = time.perf_counter() - started
    accepted = status == (200 if voter.uses_htmx else 303)
    for cookie in set_cookies:
        if cookie.startswith(f"{VOTER_COOKIE}="):
            voter.cookie = cookie.split(";", 1)[0].split("=", 1)[1]
    if accepted:
        voter.accepted.append(choice)
    with lock:
        report.sent += 1
        report.accepted += accepted
        report.statuses[status] += 1
        report.latencies.append(latency)


def expected_counts(plan: list[Voter]) -> Counts:
    """What the tallies must say: each voter's last accepted choice, per tool."""
    counts: dict[str, list[int]] = {}
    for voter in plan:
        if voter.accepted:
            counts.setdefault(voter.slug, [0, 0])[0 if voter.accepted[-1] == "ship" else 1] += 1
    return {slug: (ship, skip) for slug, (ship, skip) in counts.items()}


# --- One whole run --------------------------------------------------------------------------


@dataclass
class LoadOutcome:
    database: str
    report: LoadReport
    rows: Counts
    tallies: Counts  # counted + held
    counted: Counts  # the public figures
    recount: str
    server_log: str

    @property
    def counted_as_capped(self) -> bool:
        """All votes come from one network (127.0.0.1): each tool counts exactly its first
        NETWORK_CAP voters, however the requests raced."""
        totals = {slug: ship + skip for slug, (ship, skip) in self.counted.items()}
        wanted = {slug: min(NETWORK_CAP, ship + skip) for slug, (ship, skip) in self.rows.items()}
        return totals == wanted

    @property
    def problems(self) -> list[str]:
        found = []
        if self.report.failures:
            found.append(f"{len(self.report.failures)} failed requests: {self.report.failures[:3]}")
        if self.report.server_errors:
            found.append(f"{self.report.server_errors} responses were 5xx")
        if self.report.accepted != self.report.sent:
            found.append(f"only {self.report.accepted} of {self.report.sent} votes accepted")
        if not (self.rows == self.tallies == self.report.expected):
            found.append(
                f"rows {self.rows} / tallies {self.tallies} / accepted {self.report.expected}"
            )
        if not self.counted_as_capped:
            found.append(f"counted {self.counted}, not {NETWORK_CAP} per tool")
        if "database is locked" in self.server_log:
            found.append('gunicorn log says "database is locked"')
        return found

    def summary(self) -> str:
        report = self.report
        changed = report.sent - report.voters
        return "\n".join(
            [
                f"{self.database}: {report.sent} votes ({report.voters} voters, {changed} "
                f"changed their mind) from {report.clients} clients in {report.elapsed:.2f} s",
                f"  accepted {report.accepted}, 5xx {report.server_errors} → "
                f"{report.votes_per_second:.0f} votes/s; latency p50 "
                f"{report.percentile(0.50):.1f} ms, p99 {report.percentile(0.99):.1f} ms",
                "  rows = tallies (counted + held) = accepted: "
                + ("yes" if self.rows == self.tallies == report.expected else "NO"),
                f"  counted (cap {NETWORK_CAP} per network per tool): "
                + ", ".join(f"{slug} {ship + skip}" for slug, (ship, skip) in self.counted.items())
                + (" — as capped" if self.counted_as_capped else " — NOT as capped"),
                f"  recount_votes: {self.recount}",
            ]
        )


def run_scenario(
    database: str, workdir: Path, *, voters: int, clients: int = 16, time_limit: float = 90.0
) -> LoadOutcome:
    """`database` is "sqlite" or a postgres:// URL (a "_voteload" database is made beside it)."""
    with LoadDatabase.create(database, workdir) as load_database:
        env = server_environment(load_database.url)
        manage(env, "migrate", "--noinput")
        manage(env, "loaddata", "demo")
        log_path = workdir / "gunicorn.log"
        with gunicorn(env, log_path) as address:
            report = run_load(address, voters=voters, clients=clients, time_limit=time_limit)
        rows, tallies = load_database.vote_rows(), load_database.tallies()
        counted = load_database.counted()
        recount = manage(env, "recount_votes")
        label = "postgresql" if is_postgres(database) else "sqlite"
        return LoadOutcome(label, report, rows, tallies, counted, recount, log_path.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        action="append",
        choices=["sqlite", "postgresql"],
        help="Which database to load (repeatable; default: both).",
    )
    parser.add_argument("--voters", type=int, default=2000, help="Distinct voters (default 2000).")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients (default 16).")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES_URL,
        help="Where PostgreSQL lives; the run uses a '<name>_voteload' database beside it.",
    )
    args = parser.parse_args(argv)
    if not is_postgres(args.postgres_url):
        args.postgres_url = DEFAULT_POSTGRES_URL
    failed = False
    for database in args.database or ["sqlite", "postgresql"]:
        target = args.postgres_url if database == "postgresql" else "sqlite"
        with tempfile.TemporaryDirectory(prefix="vote-load-") as workdir:
            outcome = run_scenario(target, Path(workdir), voters=args.voters, clients=args.clients)
        print(outcome.summary(), flush=True)
        for problem in outcome.problems:
            failed = True
            print(f"  PROBLEM: {problem}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
