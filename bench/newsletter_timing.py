"""Does a newsletter sign-up answer as fast for a new address as for one already on the list?

    .venv/bin/python -m bench.newsletter_timing                      # SQLite, 200 + 200 sign-ups
    .venv/bin/python -m bench.newsletter_timing --requests 100 --database postgres://…/db

Migrates a throwaway database (bench/load_site.py), puts `--requests` confirmed addresses on
the list, starts gunicorn (2 workers) on a free 127.0.0.1 port with the site's own task
backend and no worker (the request's part alone: a worker would only share the CPU), then
sends sign-ups one at a time, alternating a never-seen address and a confirmed one, all with
one browser's CSRF cookie and token. Prints the median and 90th percentile of each kind, in
milliseconds. Only 127.0.0.1 is contacted; the run is bounded by `--requests`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.load_site import LoadDatabase, gunicorn, manage, request, server_environment
from bench.vote_load import CSRF_PATTERN

KNOWN = "known-{}@example.com"
NEW = "new-{}@example.com"

PUT_ON_THE_LIST = """
from django.utils import timezone
from newsletter import tokens
from newsletter.models import Subscriber, SubscriberStatus
now = timezone.now()
Subscriber.objects.bulk_create(
    Subscriber(
        email=address, address_hash=tokens.address_hash(address), status=SubscriberStatus.CONFIRMED,
        consent_at=now, consent_wording="bench", confirmed_at=now,
    )
    for address in ({pattern!r}.format(n) for n in range({count}))
)
"""


def browser(host: str, port: int) -> tuple[str, str]:
    """The CSRF cookie and form token of one page load."""
    status, cookies, body = request(host, port, "GET", "/")
    assert status == 200, status
    token = CSRF_PATTERN.search(body.decode()).group(1)
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    return cookie, token


def sign_up(host: str, port: int, email: str, cookie: str, token: str) -> float:
    body = urlencode({"email": email, "csrfmiddlewaretoken": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    started = time.perf_counter()
    status, _, _ = request(host, port, "POST", "/newsletter/subscribe/", body, headers)
    elapsed = time.perf_counter() - started
    assert status == 303, status
    return 1000 * elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="sign-ups of each kind")
    parser.add_argument("--database", default="sqlite", help='"sqlite" or a PostgreSQL URL')
    options = parser.parse_args()
    count = max(1, min(options.requests, 2000))
    with (
        tempfile.TemporaryDirectory() as workdir,
        LoadDatabase.create(options.database, Path(workdir), suffix="_newsletter") as database,
    ):
        env = server_environment(database.url)
        env.update(NEWSLETTER_RATE_LIMIT="0")  # every sign-up comes from 127.0.0.1
        env.pop("TASKS_BACKEND", None)  # the site's default: the database queue
        manage(env, "migrate", "--noinput")
        manage(env, "loaddata", "demo")  # gunicorn() waits for a demo tool page
        manage(env, "shell", "-c", PUT_ON_THE_LIST.format(pattern=KNOWN, count=count))
        with gunicorn(env, Path(workdir) / "gunicorn.log") as address:
            host, port = address.split(":")
            cookie, token = browser(host, int(port))
            for warm_up in range(10):
                sign_up(host, int(port), f"warm-{warm_up}@example.com", cookie, token)
            timings: dict[str, list[float]] = {"new": [], "known": []}
            for number in range(count):
                for kind, pattern in (("new", NEW), ("known", KNOWN)):
                    email = pattern.format(number)
                    timings[kind].append(sign_up(host, int(port), email, cookie, token))
        [(queued,)] = database.query("SELECT count(*) FROM django_tasks_database_dbtaskresult")
        [(listed,)] = database.query("SELECT count(*) FROM newsletter_subscriber")
    print(f"Tasks queued: {queued}; subscriber rows: {listed} (no worker ran).")
    for kind, values in timings.items():
        values.sort()
        p90 = values[int(0.9 * (len(values) - 1))]
        print(
            f"{kind:>5} address: median {statistics.median(values):.1f} ms, "
            f"p90 {p90:.1f} ms ({len(values)} sign-ups)"
        )


if __name__ == "__main__":
    main()
