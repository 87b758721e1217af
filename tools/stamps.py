"""Version stamps for cached pages: bumped in the same transaction as the change they mark.

A cached page's key holds the stamps of what it shows, so a change makes the old copy
unreachable the moment it commits: no stale figure after a vote, no stale verdict after an
edit, on every worker, whatever cache backend holds the pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from tools.models import ContentStamp, Tool


def mark_changed(tool_ids: Iterable[int] | None) -> int:
    """Move the site-wide stamp forward and give `tool_ids` (None: every tool) its new value.

    Tool stamps take the site-wide counter's value rather than counting on their own, so a
    number is never reused, even for a row reloaded from a fixture with its default stamp.
    Every vote runs this: the counter moves and is read in one statement, and the row stays
    locked only until the writer's transaction commits.
    """
    with connection.cursor() as cursor:
        cursor.execute(BUMP_SITE_VERSION_SQL)
        row = cursor.fetchone()
    if row is None:  # the row went with a flushed test database: start again
        ContentStamp.objects.get_or_create(pk=1)
        return mark_changed(tool_ids)
    version = row[0]
    tools = Tool.objects.all() if tool_ids is None else Tool.objects.filter(pk__in=list(tool_ids))
    tools.update(cache_version=version)
    return version


# Read on every cached page view, so written as plain SQL: building the ORM query would
# cost more than running it.
SITE_VERSION_SQL = f"SELECT version FROM {ContentStamp._meta.db_table} WHERE id = 1"
BUMP_SITE_VERSION_SQL = (
    f"UPDATE {ContentStamp._meta.db_table} SET version = version + 1 WHERE id = 1 RETURNING version"
)
TOOL_VERSIONS_SQL = f"SELECT slug, cache_version FROM {Tool._meta.db_table} WHERE slug IN "


def site_version() -> int:
    """The site-wide stamp: one indexed read."""
    with connection.cursor() as cursor:
        cursor.execute(SITE_VERSION_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


def tool_versions(slugs: list[str]) -> dict[str, int]:
    """Each named tool's stamp, by slug (missing slugs are absent): one indexed read."""
    if not slugs:
        return {}
    placeholders = ", ".join(["%s"] * len(slugs))
    with connection.cursor() as cursor:
        cursor.execute(f"{TOOL_VERSIONS_SQL}({placeholders})", list(slugs))
        return dict(cursor.fetchall())


def site_stamp(request, **kwargs) -> str:
    """Page-cache stamp for pages that show many tools (lists, rankings, search, reviewers):
    they change with any public change."""
    return f"s{site_version()}"
