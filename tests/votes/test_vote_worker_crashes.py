"""Workers SIGKILLed at random while votes pour in: every accepted vote is kept, none half-done.

No instrumentation at all: the site runs as in production (tests/compare_site/live_site.py,
2 gunicorn workers) on this run's database, visitors change their minds as fast as they can,
and a worker is killed every few tenths of a second wherever it happens to be (reading,
inside a vote's transaction, committing, answering). Where each kill lands is chance, so this
complements test_vote_broken_connection.py, which stops a vote exactly between its row and its
tally; here the point is that whatever a crash interrupts, the vote rows and the tallies
still agree, and no vote a visitor was told had counted is lost.
"""

from __future__ import annotations

import http.client
import os
import random
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import cycle

import pytest

from tests.compare_site.live_site import (
    OTHER_TOOL,
    TOOL,
    Browser,
    LiveSite,
    live_site,
    vote_accepted,
)

VISITORS = 8
KILLS = 10
SECONDS_BETWEEN_KILLS = (0.2, 0.5)
FINAL_VOTE_SECONDS = 30  # after the kills, each visitor's last vote must get through by then


@dataclass
class Visitor:
    browser: Browser
    accepted: list[str] = field(default_factory=list)  # choices the site said it counted
    answers: Counter = field(default_factory=Counter)  # HTTP statuses, and "dropped"


@pytest.fixture
def site(tmp_path) -> LiveSite:
    with live_site(tmp_path, suffix="_crash", workers=2) as running:
        yield running


def vote(visitor: Visitor, choice: str) -> bool:
    try:
        reply = visitor.browser.vote(TOOL, choice=choice)
    except (OSError, http.client.HTTPException):
        visitor.answers["dropped"] += 1
        return False
    visitor.answers[reply.status] += 1
    if vote_accepted(reply):
        visitor.accepted.append(choice)
        return True
    return False


def keep_voting(visitor: Visitor, stop: threading.Event) -> None:
    for choice in cycle(["ship", "skip"]):
        if stop.is_set():
            return
        vote(visitor, choice)


def vote_until_counted(visitor: Visitor, choice: str) -> None:
    deadline = time.monotonic() + FINAL_VOTE_SECONDS
    while not vote(visitor, choice):
        assert time.monotonic() < deadline, f"no vote counted: {visitor.answers}"
        time.sleep(0.1)


def test_workers_killed_mid_traffic_lose_no_counted_vote_and_leave_no_drift(site):
    visitors = []
    for _ in range(VISITORS):  # each with a voter cookie before the kills begin
        browser = site.browser()
        browser.open(f"/tools/{TOOL}/")
        assert vote_accepted(browser.vote(OTHER_TOOL, choice="ship"))
        visitors.append(Visitor(browser))
    rng = random.Random(7)
    stop = threading.Event()
    killed = []
    with ThreadPoolExecutor(max_workers=VISITORS) as pool:
        voting = [pool.submit(keep_voting, visitor, stop) for visitor in visitors]
        try:
            for _ in range(KILLS):
                time.sleep(rng.uniform(*SECONDS_BETWEEN_KILLS))
                workers = site.worker_pids()
                if workers:
                    victim = rng.choice(workers)
                    os.kill(victim, signal.SIGKILL)
                    killed.append(victim)
        finally:
            stop.set()
        for future in voting:
            future.result(timeout=60)
    site.wait_until_serving()
    # Whatever the last interrupted request did, one more counted vote settles each visitor.
    for visitor, choice in zip(visitors, cycle(["ship", "skip", "skip"]), strict=False):
        vote_until_counted(visitor, choice)

    answers = sum((visitor.answers for visitor in visitors), Counter())
    print(f"\n{site.kind}: {len(killed)} workers killed; answers {dict(answers)}")
    assert len(killed) == KILLS
    assert answers["dropped"] >= 1  # kills landed on requests in flight
    assert set(answers) <= {303, "dropped"}  # a crash is a dropped connection, never a 5xx
    for visitor in visitors:  # the last vote the site confirmed is the one it kept
        assert site.votes_of(visitor.browser.voter_id) == {
            TOOL: visitor.accepted[-1],
            OTHER_TOOL: "ship",
        }
    finals = Counter(visitor.accepted[-1] for visitor in visitors)
    expected = {TOOL: (finals["ship"], finals["skip"]), OTHER_TOOL: (VISITORS, 0)}
    assert site.vote_rows() == site.tallies() == expected
    assert "no drift" in site.manage("recount_votes")
