"""Version stamps for cached pages: random tokens, replaced in the writer's own transaction.

A cached page's key holds the stamps of what it shows, so a change makes the old copy
unreachable the moment it commits, on every worker, whatever cache holds the pages.

Stamps are random tokens, never counters: a database restored from a dump, or a replica
promoted after losing its last transactions, goes back to tokens that named exactly the state
it went back to, and every change after that draws a token no page was ever stored under. (A
counter would count up to the numbers it had before the restore, and the cache would serve the
pages of the lost transactions under them.)

Three site-wide stamps live here, in `core.Stamp` rows: CONTENT (anything editors publish),
VOTES (any vote: the community figures in lists, core/fragments.py) and PICKS (any
head-to-head pick: the pick results). Each tool's own stamps are its `Tool.cache_version` and
`Tool.votes_version` columns (tools/stamps.py), read in the same query.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import connection

from core.models import Stamp

CONTENT = "content"
VOTES = "votes"
PICKS = "picks"
SITE_STAMPS = (CONTENT, VOTES, PICKS)
STAMP_TABLE = Stamp._meta.db_table


def new_token() -> int:
    """A fresh stamp: 62 random bits, never 0 (0 stands for "no stamp row yet")."""
    return secrets.randbits(62) + 1


def token(name: str) -> int:
    """The site-wide stamp `name`'s current token (0 before it was first moved).

    Read as often as pages are stored, so written as plain SQL: building the ORM query would
    cost more than running it."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM {connection.ops.quote_name(STAMP_TABLE)} WHERE name = %s", [name]
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def move(names: Iterable[str]) -> None:
    """Give each named site-wide stamp a new token, in the caller's transaction."""
    for name in names:
        fresh = new_token()
        if not Stamp.objects.filter(name=name).update(token=fresh):
            Stamp.objects.update_or_create(name=name, defaults={"token": fresh})
