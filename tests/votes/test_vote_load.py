"""Zero lost votes: the site under gunicorn (2 workers), 16 concurrent clients, real HTTP.

Runs against the database of this test run: PostgreSQL when DATABASE_URL points there (a
dedicated "<name>_voteload" database, dropped afterwards), else a temporary SQLite file.
The driver is bench/vote_load.py, the same code as the benchmark.
"""

from __future__ import annotations

import os
import time

import pytest

from bench.vote_load import is_postgres, run_scenario

pytestmark = pytest.mark.load

VOTERS = 368  # + 10% who vote twice = 405 votes
TIME_LIMIT = 60  # seconds for the votes themselves; the whole test must stay well under 2 min


def test_no_vote_is_lost_under_concurrent_load(tmp_path):
    database_url = os.environ.get("DATABASE_URL", "")
    target = database_url if is_postgres(database_url) else "sqlite"
    started = time.monotonic()
    outcome = run_scenario(target, tmp_path, voters=VOTERS, clients=16, time_limit=TIME_LIMIT)
    print("\n" + outcome.summary())
    report = outcome.report
    assert outcome.database == ("postgresql" if is_postgres(database_url) else "sqlite")
    assert report.sent >= 400 and report.sent == VOTERS + round(VOTERS * 0.1)
    assert report.failures == []
    assert report.server_errors == 0
    assert report.accepted == report.sent
    assert sum(ship + skip for ship, skip in outcome.rows.values()) == VOTERS
    # Tallies are counted + held: every accepted vote is in a row and in a tally.
    assert outcome.rows == outcome.tallies == report.expected
    # One network (127.0.0.1) for everyone: each tool counts exactly its first NETWORK_CAP.
    assert outcome.counted_as_capped
    assert "database is locked" not in outcome.server_log
    assert "no drift" in outcome.recount
    assert time.monotonic() - started < 110
