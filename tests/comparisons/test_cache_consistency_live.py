"""The page cache under gunicorn: no reader ever sees a figure older than the last vote
committed before their request started, and a restored database never meets pages cached
before the restore (its stamps are random tokens, never counted up again).

Both run on this test run's kind of database (tests/compare_site/live_site.py): a SQLite file,
or a PostgreSQL database beside DATABASE_URL's.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
import subprocess
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.compare_site.live_site import TOOL, LiveSite, live_site
from votes.figures import CommunityFigure

pytestmark = pytest.mark.load

PAGES = [
    f"/compare/{TOOL}-vs-mistral-8b-instruct-v3/",
    f"/tools/{TOOL}/",
    "/",
    "/tools/?sort=community",
]
VOTES = 40
READERS = 3
# Every voter here is 127.0.0.1, one network: lift the daily cap so that every vote counts.
EVERY_VOTE_COUNTS = {"VOTE_NETWORK_DAILY_CAP": str(10 * VOTES)}


def community_text(html: str, url: str) -> str:
    """The text of TOOL's community figure on the page at `url`, tags stripped."""
    if url.startswith(("/compare/", f"/tools/{TOOL}/")):
        start = html.index(f'id="community-cell-{TOOL}"')
        end = html.index("</div>", start)
    else:  # a ranked list: TOOL's row, from its community figure to the end of the row
        row = html.index(f'href="/tools/{TOOL}/"', html.index('class="ranked'))
        start = html.index("ranked__figure--community", row)
        end = html.index("</li>", start)
    text = re.sub(r"<[^>]+>", " ", html[start:end].split(">", 1)[1])
    return " ".join(text.replace("&nbsp;", " ").split())


def shown_total(html: str, url: str) -> int:
    found = re.search(r"([\d,]+) votes?", community_text(html, url))
    return int(found.group(1).replace(",", "")) if found else 0


def vote_as_a_new_visitor(site: LiveSite, choice: str) -> None:
    visitor = site.browser()
    visitor.open(f"/tools/{TOOL}/")
    reply = visitor.vote(TOOL, choice=choice)
    assert reply.status == 303, reply.text[:300]


def test_no_reader_sees_a_figure_older_than_the_last_vote_before_their_request(tmp_path):
    with live_site(tmp_path, suffix="_fresh", workers=2, **EVERY_VOTE_COUNTS) as site:
        answered: list[float] = []  # when each vote's answer had arrived, in order
        reads: list[tuple[float, str, int]] = []
        voting_done = threading.Event()
        failures: list[BaseException] = []

        def voter():
            try:
                for _ in range(VOTES):
                    vote_as_a_new_visitor(site, "ship")
                    answered.append(time.monotonic())
            except BaseException as error:  # noqa: BLE001 - reported by the main thread
                failures.append(error)
            finally:
                voting_done.set()

        def reader(number: int):
            browser = site.browser()
            try:
                while not voting_done.is_set():
                    url = PAGES[len(reads) % len(PAGES)] if number else PAGES[0]
                    started = time.monotonic()
                    reply = browser.get(url)
                    assert reply.status == 200, (url, reply.status)
                    reads.append((started, url, shown_total(reply.text, url)))
            except BaseException as error:  # noqa: BLE001
                failures.append(error)

        threads = [threading.Thread(target=voter)]
        threads += [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "the mixed run did not finish"
        assert failures == []
        assert len(answered) == VOTES and len(reads) > VOTES

        stale = [
            (url, shown, bisect.bisect_right(answered, started))
            for started, url, shown in reads
            if shown < bisect.bisect_right(answered, started)
        ]
        assert stale == [], "a reader saw fewer votes than had been counted before they asked"
        assert {url for _, url, _ in reads} == set(PAGES)
        final = site.browser()
        assert all(shown_total(final.get(url).text, url) == VOTES for url in PAGES)


# --- Restoring a dump ------------------------------------------------------------------------


def dump(site: LiveSite, into: Path) -> None:
    if site.kind == "sqlite":
        with (
            closing(sqlite3.connect(site.sqlite_path)) as live,
            closing(sqlite3.connect(into)) as copy,
        ):
            live.backup(copy)
    else:
        run(["pg_dump", "--format=custom", f"--file={into}", site.database.url])


def restore(site: LiveSite, dump_path: Path) -> None:
    if site.kind == "sqlite":
        with (
            closing(sqlite3.connect(dump_path)) as copy,
            closing(sqlite3.connect(site.sqlite_path, timeout=20)) as live,
        ):
            copy.backup(live)
    else:
        run(
            [
                "pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner",
                f"--dbname={site.database.url}", str(dump_path),
            ]
        )  # fmt: skip


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def expected_text(site: LiveSite) -> CommunityFigure:
    ship, skip = site.tallies().get(TOOL, (0, 0))
    return CommunityFigure(ship, skip)


def assert_pages_show(site: LiveSite, figure: CommunityFigure) -> None:
    reader = site.browser()
    for url in PAGES:
        text = community_text(reader.get(url).text, url)
        assert figure.percent_label in text and figure.count_label in text, (url, text)


def test_a_restored_database_never_meets_pages_cached_before_it(tmp_path):
    with live_site(tmp_path, suffix="_restore", workers=1, **EVERY_VOTE_COUNTS) as site:
        vote_as_a_new_visitor(site, "ship")
        assert_pages_show(site, expected_text(site))  # now cached
        dump(site, tmp_path / "before.dump")

        vote_as_a_new_visitor(site, "ship")  # a vote the restore will lose
        lost = expected_text(site)
        assert lost.ship_count == 2
        assert_pages_show(site, lost)  # cached under the stamps this vote drew

        restore(site, tmp_path / "before.dump")
        assert expected_text(site).ship_count == 1
        assert_pages_show(site, expected_text(site))

        # The next vote draws new stamps: a counter would have counted up to the lost vote's
        # numbers, and its cached pages ("2 votes", 100% ship) would be served for this one.
        vote_as_a_new_visitor(site, "skip")
        now = expected_text(site)
        assert (now.ship_count, now.skip_count) == (1, 1)
        assert_pages_show(site, now)
