"""Test-only WSGI entry point: the site, able to stop one worker in the middle of one vote.

Why it exists: on SQLite nothing outside a process can make its vote wait between the row
write and the tally update. The vote's transaction is BEGIN IMMEDIATE, so it holds the
database's single write lock from its first statement; after that no other connection can
block it (WAL readers never block a writer). PostgreSQL can be stopped from outside by
holding the tally row's lock; SQLite cannot, so the SQLite test stops the worker from within,
here, and then breaks it from outside for real (SIGKILL).

When the file named by SHIPBOARD_TEST_FREEZE_FILE exists, the next vote to reach its tally
update (after its row is written, inside its transaction) claims the file, writes what it
sees to "<file>.frozen", and stops its own process with SIGSTOP. The test reads that, checks
the write transaction is open from another connection, and SIGKILLs the process. Nothing
here is imported by the site itself.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from compare_site.wsgi import application
from votes import services

__all__ = ["application"]

FREEZE_FILE = Path(os.environ["SHIPBOARD_TEST_FREEZE_FILE"])
_shift_tally = services._shift_tally


def _stop_here_once_armed(tool, *deltas):
    try:
        FREEZE_FILE.unlink()  # one vote claims it, even with several workers
    except FileNotFoundError:
        return _shift_tally(tool, *deltas)
    _write_atomically(Path(f"{FREEZE_FILE}.frozen"), _own_view(tool))
    os.kill(os.getpid(), signal.SIGSTOP)  # the test SIGKILLs us here
    return _shift_tally(tool, *deltas)  # only if the test let us go on (it never does)


def _own_view(tool) -> dict:
    """What this worker's connection sees at this moment: its own uncommitted writes."""
    from django.db import connection

    from votes.models import Vote, VoteTally

    tally = VoteTally.objects.filter(tool=tool).values_list("ship_count", "skip_count").first()
    return {
        "pid": os.getpid(),
        "in_transaction": connection.connection.in_transaction,  # sqlite3's own flag
        "votes": sorted(Vote.objects.filter(tool=tool).values_list("voter_id", "choice")),
        "tally": list(tally) if tally else None,
    }


def _write_atomically(path: Path, data: dict) -> None:
    partial = Path(f"{path}.partial")
    partial.write_text(json.dumps(data))
    partial.replace(path)


services._shift_tally = _stop_here_once_armed
