"""A vote whose connection breaks between its row and its tally leaves neither behind.

votes.services writes the vote row first and then moves the tally, in one transaction. These
tests stop a real vote, served by gunicorn, at exactly that point, break it for real, and
check that nothing half-written survives: no vote row without its tally change, no tally
change without its row (an "undo" deletes the row first, so that case is covered too). Then
the same request is retried and must count exactly once, and `recount_votes` finds no drift.

How the vote is stopped and broken, on the database this run uses (DATABASE_URL):
- PostgreSQL: a second connection holds the tool's tally row locked (SELECT ... FOR UPDATE),
  so the vote writes its row and then waits on that lock inside its transaction; the test
  sees it waiting in pg_stat_activity and holding its write lock on votes_vote in pg_locks.
  Then either the server ends that connection (pg_terminate_backend: the site must answer its
  503 page) or the gunicorn worker serving the vote is SIGKILLed (the client's connection
  drops; the database notices its client is gone once the lock is released).
- SQLite: its single write lock is taken when the vote's transaction begins, so nothing
  outside the process can make the vote wait mid-way. The worker, started from the test-only
  tests/votes/mid_vote_wsgi.py, stops itself (SIGSTOP) right before the tally update; the test
  checks from another connection that its write transaction is open, then SIGKILLs it.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.compare_site.live_site import (
    OTHER_TOOL,
    TOOL,
    Browser,
    Counts,
    LiveSite,
    Reply,
    kill_if_running,
    live_site,
    on_postgres,
    process_state,
    vote_accepted,
    wait_for,
)

BREAK_SECONDS = 15  # how long any one step of stopping or breaking a vote may take


@dataclass(frozen=True)
class Action:
    """One kind of vote request, and the voter's vote on TOOL before and after it counts."""

    name: str
    before: str | None
    choice: str | None  # None: the "undo" button
    after: str | None

    def send(self, browser: Browser) -> Reply:
        if self.choice is None:
            return browser.vote(TOOL, undo=True)
        return browser.vote(TOOL, choice=self.choice)

    def __str__(self) -> str:
        return self.name


ACTIONS = [
    Action("first vote", before=None, choice="ship", after="ship"),  # row inserted
    Action("change of mind", before="ship", choice="skip", after="skip"),  # row updated
    Action("undo", before="skip", choice=None, after=None),  # row deleted
]


@dataclass
class StoppedVote:
    """A vote that has written its row and not yet its tally, its transaction still open."""

    reply: Future  # the client's request, waiting for its answer
    worker_pid: int  # the gunicorn worker serving it
    backend_pid: int | None = None  # its PostgreSQL backend
    own_view: dict | None = None  # SQLite: what the worker's own connection saw when it stopped


# --- The site, and a voter ready to act --------------------------------------------------------


@pytest.fixture(scope="module")
def freeze_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("freeze") / "freeze-next-vote"


@pytest.fixture(scope="module")
def site(tmp_path_factory, freeze_file) -> Iterator[LiveSite]:
    # One worker: the vote under test is the only request in flight, on a known process.
    if on_postgres():
        options = {}
    else:
        options = {
            "app": "tests.votes.mid_vote_wsgi:application",
            "SHIPBOARD_TEST_FREEZE_FILE": str(freeze_file),
        }
    workdir = tmp_path_factory.mktemp("midvote")
    with live_site(workdir, suffix="_midvote", workers=1, **options) as running:
        bystander = running.browser()  # someone else's vote: TOOL's tally row exists
        bystander.open(f"/tools/{TOOL}/")
        assert vote_accepted(bystander.vote(TOOL, choice="ship"))
        yield running


@pytest.fixture
def voter(site, request) -> Browser:
    """A visitor with a voter cookie (from a vote elsewhere) and `action.before` on TOOL."""
    action: Action = request.node.callspec.params["action"]
    browser = site.browser()
    browser.open(f"/tools/{TOOL}/")
    assert vote_accepted(browser.vote(OTHER_TOOL, choice="skip"))
    if action.before:
        assert vote_accepted(browser.vote(TOOL, choice=action.before))
    assert site.votes_of(browser.voter_id).get(TOOL) == action.before
    return browser


# --- Stopping a vote between its row and its tally ---------------------------------------------


@contextmanager
def vote_stopped_on_postgres(site: LiveSite, send: Callable[[], Reply]) -> Iterator[StoppedVote]:
    [worker_pid] = site.worker_pids()
    with site.connect_postgres() as locker, site.connect_postgres(autocommit=True) as watcher:
        locked = locker.execute(
            "SELECT vt.tool_id FROM votes_votetally vt JOIN tools_tool t ON t.id = vt.tool_id "
            "WHERE t.slug = %s FOR UPDATE OF vt",
            (TOOL,),
        ).fetchall()
        assert len(locked) == 1, "TOOL's tally row must exist to be locked"
        locker_pid = locker.info.backend_pid
        with ThreadPoolExecutor(max_workers=1) as pool:
            reply = pool.submit(send)
            try:
                backend_pid = wait_for(
                    lambda: blocked_by(watcher, locker_pid),
                    BREAK_SECONDS,
                    "the vote never waited on the tally row lock",
                )
                assert_waiting_on_tally_after_writing_row(watcher, backend_pid)
                yield StoppedVote(reply, worker_pid, backend_pid)
            finally:
                locker.rollback()  # release the tally row, whatever happened


def blocked_by(watcher, locker_pid: int) -> int | None:
    row = watcher.execute(
        "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", (locker_pid,)
    ).fetchone()
    return row[0] if row else None


def assert_waiting_on_tally_after_writing_row(watcher, backend_pid: int) -> None:
    state, wait_type, query, has_xid = watcher.execute(
        "SELECT state, wait_event_type, query, backend_xid IS NOT NULL "
        "FROM pg_stat_activity WHERE pid = %s",
        (backend_pid,),
    ).fetchone()
    assert (state, wait_type) == ("active", "Lock")
    assert query.startswith('UPDATE "votes_votetally"'), query
    assert has_xid  # it has written something in this transaction...
    locks = watcher.execute(
        "SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE l.pid = %s AND l.granted",
        (backend_pid,),
    ).fetchall()
    assert ("votes_vote", "RowExclusiveLock") in locks, locks  # ...namely to votes_vote


@contextmanager
def vote_stopped_on_sqlite(
    site: LiveSite, send: Callable[[], Reply], freeze_file: Path
) -> Iterator[StoppedVote]:
    report_path = Path(f"{freeze_file}.frozen")  # named as tests/votes/mid_vote_wsgi.py does
    report_path.unlink(missing_ok=True)
    freeze_file.touch()  # arm: the next vote to reach its tally update stops there
    with ThreadPoolExecutor(max_workers=1) as pool:
        reply = pool.submit(send)
        worker_pid = None
        try:
            report = wait_for(
                lambda: report_path.exists() and json.loads(report_path.read_text()),
                BREAK_SECONDS,
                "no vote stopped before its tally update",
            )
            worker_pid = report["pid"]
            assert worker_pid in site.worker_pids()
            wait_for(lambda: process_state(worker_pid) == "T", 5, "the worker did not stop")
            yield StoppedVote(reply, worker_pid, own_view=report)
        finally:
            freeze_file.unlink(missing_ok=True)
            if worker_pid:  # a stopped worker holds the write lock: never leave it behind
                kill_if_running(worker_pid)


def assert_sqlite_write_transaction_open(site: LiveSite) -> None:
    """Another writer cannot begin: the stopped vote holds SQLite's write lock."""
    other = sqlite3.connect(site.sqlite_path, timeout=0, isolation_level=None)
    with closing(other), pytest.raises(sqlite3.OperationalError, match="database is locked"):
        other.execute("BEGIN IMMEDIATE")


# --- Breaking it --------------------------------------------------------------------------------


def terminate_backend(site: LiveSite, stopped: StoppedVote) -> None:
    """The database server ends the vote's connection (as a restart or failover would)."""
    with site.connect_postgres(autocommit=True) as admin:
        ended = admin.execute("SELECT pg_terminate_backend(%s)", (stopped.backend_pid,))
        assert ended.fetchone() == (True,)


def kill_worker(site: LiveSite, stopped: StoppedVote) -> None:
    """The process serving the vote dies at once (OOM killer, a crashed host process)."""
    os.kill(stopped.worker_pid, signal.SIGKILL)


BREAKS = [terminate_backend, kill_worker] if on_postgres() else [kill_worker]


def client_outcome(stopped: StoppedVote) -> Reply | Exception:
    try:
        return stopped.reply.result(timeout=BREAK_SECONDS)
    except (OSError, http.client.HTTPException) as dropped:
        return dropped


def assert_client_told_of_failure(break_vote, outcome: Reply | Exception) -> None:
    if break_vote is kill_worker:
        assert isinstance(outcome, (ConnectionError, http.client.HTTPException)), outcome
        return
    assert isinstance(outcome, Reply), outcome
    assert outcome.status == 503, outcome.text[:500]
    assert "Shipboard is briefly unavailable" in outcome.text
    assert 'class="site-header"' in outcome.text  # the site's own design, not a bare error
    assert outcome.headers["Retry-After"] == "30"
    assert not any(
        c.startswith("shipboard_voter=") for c in outcome.headers.get_all("Set-Cookie") or []
    )


def shifted(counts: Counts, before: str | None, after: str | None) -> Counts:
    ship, skip = counts[TOOL]
    ship += (after == "ship") - (before == "ship")
    skip += (after == "skip") - (before == "skip")
    return {**counts, TOOL: (ship, skip)}


# --- The test -----------------------------------------------------------------------------------


@pytest.mark.parametrize("break_vote", BREAKS, ids=lambda b: b.__name__)
@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_vote_broken_between_row_and_tally_leaves_neither_and_a_retry_counts_once(
    site, freeze_file, voter, action, break_vote
):
    rows_before, tallies_before = site.vote_rows(), site.tallies()
    assert rows_before == tallies_before

    def send() -> Reply:
        return action.send(voter)

    if site.kind == "postgresql":
        stopping = vote_stopped_on_postgres(site, send)
    else:
        stopping = vote_stopped_on_sqlite(site, send, freeze_file)
    with stopping as stopped:
        # Mid-vote: its row is written inside its transaction, invisible to everyone else.
        if site.kind == "sqlite":
            assert stopped.own_view["in_transaction"] is True
            own_votes = dict(stopped.own_view["votes"])
            assert own_votes.get(voter.voter_id) == action.after
            assert tuple(stopped.own_view["tally"]) == tallies_before[TOOL]
            assert_sqlite_write_transaction_open(site)
        assert site.votes_of(voter.voter_id).get(TOOL) == action.before
        break_vote(site, stopped)
    outcome = client_outcome(stopped)

    assert_client_told_of_failure(break_vote, outcome)
    if break_vote is terminate_backend:
        assert f"Database unavailable while serving POST /tools/{TOOL}/vote/" in site.log()
    if stopped.backend_pid:  # its backend ends, rolling back what the vote had written
        wait_for(
            lambda: (
                not site.query(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (stopped.backend_pid,)
                )
            ),
            BREAK_SECONDS,
            "the broken vote's backend is still there",
        )
    if break_vote is kill_worker:
        wait_for(lambda: process_state(stopped.worker_pid) in {None, "Z"}, 5, "the worker lives on")
        site.wait_until_serving()  # gunicorn forks a new worker

    # Nothing half-written: the row and the tally are both as they were.
    assert site.votes_of(voter.voter_id).get(TOOL) == action.before
    assert site.vote_rows() == rows_before
    assert site.tallies() == tallies_before

    # The visitor tries again: it counts, once; trying once more changes nothing.
    expected = shifted(tallies_before, action.before, action.after)
    for attempt in ("retry", "second retry"):
        reply = action.send(voter)
        assert vote_accepted(reply), f"{attempt}: {reply.status} {reply.text[:300]}"
        assert site.votes_of(voter.voter_id).get(TOOL) == action.after, attempt
        assert site.tallies() == expected, attempt
        assert site.vote_rows() == expected, attempt
    assert "no drift" in site.manage("recount_votes")
