"""Each tool's page-cache stamp (`Tool.cache_version`), and the one query that reads every
stamp a page needs (core/stamps.py says why they are random tokens).

Which change moves what:
- an editor's change (a tool, tier, verdict, comparison, category, reviewer): the CONTENT
  stamp, which every page of many tools is keyed by, and the stamps of the tools it touches;
- a vote: the tool's own stamp (its comparison and tool pages show its figure) and the VOTES
  stamp, which keys only the community figures in lists (core/fragments.py), never the pages.
Both run inside the writer's transaction, so the new data and the new keys commit together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from core import stamps
from core.pagecache import Version
from tools.models import Tool


@dataclass(frozen=True)
class Stamps:
    content: int
    votes: int
    tools: dict[str, int]  # by slug; unknown slugs are absent

    @property
    def fragments(self) -> str:
        return f"c{self.content}v{self.votes}"


def read_stamps(slugs: Iterable[str] = ()) -> Stamps:
    """The site-wide stamps and the named tools' stamps, in one indexed query.

    Read on every cached page view, so written as plain SQL: building the ORM query would
    cost more than running it.
    """
    slugs = list(slugs)
    quote = connection.ops.quote_name
    sql = f"SELECT 0, name, token FROM {quote(stamps.STAMP_TABLE)} WHERE name IN (%s, %s)"
    params: list = list(stamps.SITE_STAMPS)
    if slugs:
        placeholders = ", ".join(["%s"] * len(slugs))
        sql += (
            f" UNION ALL SELECT 1, slug, cache_version FROM {quote(Tool._meta.db_table)}"
            f" WHERE slug IN ({placeholders})"
        )
        params += slugs
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    site = {name: token for kind, name, token in rows if kind == 0}
    return Stamps(
        content=site.get(stamps.CONTENT, 0),
        votes=site.get(stamps.VOTES, 0),
        tools={slug: token for kind, slug, token in rows if kind == 1},
    )


def mark_changed(tool_ids: Iterable[int] | None) -> None:
    """Editors changed what pages show: every page of many tools, and the pages of `tool_ids`
    (None: every tool)."""
    stamps.move([stamps.CONTENT])
    _move_tools(tool_ids)


def mark_votes_changed(tool_ids: Iterable[int]) -> None:
    """Votes moved these tools' tallies: their own pages, and the community figures in lists.

    The VOTES row, which every vote writes, is moved last, so it stays locked only until the
    voter's transaction commits.
    """
    _move_tools(tool_ids)
    stamps.move([stamps.VOTES])


def _move_tools(tool_ids: Iterable[int] | None) -> None:
    tools = Tool.objects.all() if tool_ids is None else Tool.objects.filter(pk__in=list(tool_ids))
    tools.update(cache_version=stamps.new_token())


def site_stamp(request, **kwargs) -> Version:
    """Pages that show many tools (home, lists, search, reviewers): their own HTML changes with
    editors' changes only; their community figures are fragments keyed by the votes too."""
    found = read_stamps()
    return Version(page=f"c{found.content}", fragments=found.fragments)


def tool_page_stamp(request, slug: str, **kwargs) -> Version | None:
    """A tool's page: editors' changes anywhere (its suggestions and lists) and its own votes."""
    found = read_stamps([slug])
    if slug not in found.tools:
        return None  # the view's 404
    return Version(page=f"c{found.content}t{found.tools[slug]}", fragments=found.fragments)
