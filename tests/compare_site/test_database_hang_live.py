"""A database that stops answering gets the 503 page within seconds, not a hung worker.

PostgreSQL behind a TCP proxy that freezes (connections stay open, no byte passes): the
statement timeout runs on the server and cannot fire, so the client-side deadline
(core.faults.DatabaseDeadlineMiddleware) must. SQLite: a writer holding the lock makes a vote
wait only the busy timeout. Both with DATABASE_TIMEOUT=2 against gunicorn's 30 s timeout.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from urllib.parse import urlsplit

import pytest

from bench.load_site import PostgresLoadDatabase
from tests.compare_site.live_site import TOOL, live_site, on_postgres, run_database
from tests.compare_site.tcp_proxy import FreezableProxy

pytestmark = pytest.mark.load

COMPARE = f"/compare/{TOOL}-vs-mistral-8b-instruct-v3/"
# Far below gunicorn's 30 s worker timeout: DATABASE_TIMEOUT 2 s, the deadline's 1 s of grace,
# a new connection's 2 s connect timeout, and room for a loaded machine.
PROMPT = 12


def assert_prompt_503(reply, started: float) -> None:
    assert reply.status == 503, reply.text[:300]
    assert reply.headers["Retry-After"]
    assert "Traceback" not in reply.text
    assert time.monotonic() - started < PROMPT


@pytest.mark.skipif(not on_postgres(), reason="a network database: this run uses SQLite")
def test_a_frozen_postgresql_gets_the_503_page_within_seconds_and_recovers(tmp_path):
    real = urlsplit(run_database())
    suffix = "_hang"
    database = urlsplit(PostgresLoadDatabase.for_url(run_database(), suffix=suffix).url)
    with FreezableProxy(real.hostname or "127.0.0.1", real.port or 5432) as proxy:
        via_proxy = database._replace(netloc=f"{real.username}@127.0.0.1:{proxy.port}").geturl()
        env = {"DATABASE_URL": via_proxy, "DATABASE_TIMEOUT": "2", "DB_CONNECT_TIMEOUT": "2"}
        with live_site(tmp_path, suffix=suffix, workers=1, **env) as site:
            browser = site.browser()
            assert browser.get(COMPARE).status == 200  # the worker's connection is open

            proxy.freeze()
            for path in (COMPARE, "/", f"/tools/{TOOL}/"):  # in flight, then new connections
                started = time.monotonic()
                assert_prompt_503(browser.get(path), started)
            assert "did not answer within" in site.log()

            proxy.thaw()
            deadline = time.monotonic() + 20
            while browser.get(COMPARE).status != 200:
                assert time.monotonic() < deadline, "the site did not recover after the thaw"
                time.sleep(0.2)


@pytest.mark.skipif(on_postgres(), reason="SQLite's busy timeout: this run uses PostgreSQL")
def test_a_vote_waiting_on_a_held_sqlite_lock_gets_the_503_page_within_seconds(tmp_path):
    with live_site(tmp_path, suffix="_locked", workers=1, DATABASE_TIMEOUT="2") as site:
        voter = site.browser()
        voter.open(COMPARE)
        with closing(sqlite3.connect(site.sqlite_path, isolation_level=None)) as holder:
            holder.execute("BEGIN IMMEDIATE")  # the write lock, held like a stuck writer
            started = time.monotonic()
            assert_prompt_503(voter.vote(TOOL, choice="ship"), started)
            assert voter.get(COMPARE).status == 200  # readers are not blocked (WAL)
            holder.execute("ROLLBACK")
        assert voter.vote(TOOL, choice="ship").status == 303
