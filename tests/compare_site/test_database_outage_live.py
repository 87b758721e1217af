"""The database goes away under a running site, then comes back: 503 pages, then recovery.

gunicorn (2 workers, production settings) serves the demo site on this run's database
(tests/compare_site/live_site.py). test_gunicorn_production.py covers a database that was
never there; this is the other outage, one that starts while the workers hold live
connections (PostgreSQL keeps them for DB_CONN_MAX_AGE) and ends without a restart:
- PostgreSQL: the site's database stops accepting connections (ALTER DATABASE ...
  ALLOW_CONNECTIONS false) and every connection the workers hold is ended by the server
  (pg_terminate_backend), as in a failover. The shared server itself keeps running.
- SQLite: the database file cannot be opened (a directory stands where the file was), as when
  the volume holding it is gone.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from psycopg import sql

from tests.compare_site.live_site import (
    OTHER_TOOL,
    TOOL,
    Browser,
    LiveSite,
    Reply,
    live_site,
    vote_accepted,
    wait_for,
)

PAGES = ["/", f"/compare/{TOOL}-vs-{OTHER_TOOL}/", f"/tools/{TOOL}/"]
RECOVERY_SECONDS = 15


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[LiveSite]:
    with live_site(tmp_path_factory.mktemp("dbdown"), suffix="_dbdown", workers=2) as running:
        yield running


@contextmanager
def postgres_refusing_connections(site: LiveSite) -> Iterator[None]:
    name = sql.Identifier(site.database.name)
    with site.connect_postgres(autocommit=True, dbname="postgres") as admin:
        admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(name))
        try:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (site.database.name,),
            ).fetchall()
            assert ended and all(row == (True,) for row in ended)  # the workers' connections
            yield
        finally:
            admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS true").format(name))


@contextmanager
def sqlite_file_unopenable(site: LiveSite) -> Iterator[None]:
    # Workers keep their connections, but check before each request that the file is still
    # the one they opened (core/sqlite): gone, they reconnect, and that fails.
    path = site.sqlite_path
    moved = {}
    for suffix in ("", "-wal", "-shm"):
        original = Path(f"{path}{suffix}")
        if original.exists():
            moved[original] = original.rename(Path(f"{original}.aside"))
    path.mkdir()
    try:
        yield
    finally:
        shutil.rmtree(path)
        for original, aside in moved.items():
            aside.rename(original)


def database_down(site: LiveSite):
    if site.kind == "postgresql":
        return postgres_refusing_connections(site)
    return sqlite_file_unopenable(site)


def assert_outage_page(reply: Reply, what: str) -> None:
    assert reply.status == 503, f"{what}: {reply.status} {reply.text[:300]}"
    assert "Shipboard is briefly unavailable" in reply.text, what
    assert 'class="site-header"' in reply.text, what  # the site's own design
    assert reply.headers["Retry-After"] == "30", what
    assert "no-store" in reply.headers["Cache-Control"], what
    assert reply.headers["X-Frame-Options"] == "DENY", what
    assert "script-src 'self'" in reply.headers["Content-Security-Policy"], what


def test_pages_answer_503_while_the_database_is_gone_and_recover_without_a_restart(site):
    browser: Browser = site.browser()
    browser.open(f"/tools/{TOOL}/")  # a visitor with the page open, about to vote
    for path in PAGES:  # every worker has used (and on PostgreSQL kept) a connection
        assert browser.get(path).status == 200
    rows_before, tallies_before = site.vote_rows(), site.tallies()

    with database_down(site):
        for path in PAGES * 2:  # twice: each worker meets the outage
            assert_outage_page(browser.get(path), path)
        health = browser.get("/healthz")
        assert health.status == 503
        assert json.loads(health.body) == {
            "status": "unavailable",
            "database": "unavailable",
            "cache": "ok",
        }
        assert_outage_page(browser.vote(TOOL, choice="ship"), "vote")
        assert_outage_page(browser.vote(TOOL, choice="ship", htmx=True), "htmx vote")
        assert "shipboard_voter" not in browser.cookies

    # Back, with no restart: each worker opens a new connection by itself.
    wait_for(
        lambda: all(browser.get(path).status == 200 for path in PAGES * 2),
        RECOVERY_SECONDS,
        "pages did not come back after the database did",
    )
    assert browser.get("/healthz").status == 200
    assert site.vote_rows() == rows_before and site.tallies() == tallies_before  # nothing saved
    assert vote_accepted(browser.vote(TOOL, choice="ship"))  # the retry counts, once
    assert site.votes_of(browser.voter_id) == {TOOL: "ship"}
    assert site.vote_rows() == site.tallies()
    assert "Database unavailable while serving" in site.log()
