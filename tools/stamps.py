"""Each tool's page-cache stamps (`Tool.cache_version`, `Tool.votes_version`), and the one
query that reads every stamp a page needs (core/stamps.py says why they are random tokens).

Which change moves what:
- an editor's change (a tool, tier, verdict, comparison, category, reviewer): the CONTENT
  stamp, which every page of many tools is keyed by, and the stamps of the tools it touches;
- a vote: the tool's votes stamp and the VOTES stamp, which key only fragments showing
  community figures (core/fragments.py): the tool's on its own pages, and the lists'; never a
  page;
- a head-to-head pick: the PICKS stamp, which keys only the fragments showing pick results.
All run inside the writer's transaction, so the new data and the new keys commit together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from core import stamps
from core.pagecache import Version
from tools.models import Tool


def tool_stamp(slug: str) -> str:
    """The name, in a page's `Version.fragments`, of what editors change about one tool."""
    return f"tool:{slug}"


def votes_stamp(slug: str) -> str:
    """The name, in a page's `Version.fragments`, of one tool's tally."""
    return f"votes:{slug}"


@dataclass(frozen=True)
class Stamps:
    content: int
    votes: int
    picks: int
    tools: dict[str, int]  # cache_version by slug; unknown slugs are absent
    tool_votes: dict[str, int]  # votes_version by slug

    @property
    def fragments(self) -> dict[str, int]:
        """Every stamp read, by the names fragments are keyed by (core/fragments.py)."""
        named = {stamps.CONTENT: self.content, stamps.VOTES: self.votes, stamps.PICKS: self.picks}
        for slug, token in self.tools.items():
            named[tool_stamp(slug)] = token
            named[votes_stamp(slug)] = self.tool_votes[slug]
        return named


def read_stamps(slugs: Iterable[str] = ()) -> Stamps:
    """The site-wide stamps and the named tools' stamps, in one indexed query.

    Read on every cached page view, so written as plain SQL: building the ORM query would
    cost more than running it.
    """
    slugs = list(slugs)
    quote = connection.ops.quote_name
    names = ", ".join(["%s"] * len(stamps.SITE_STAMPS))
    sql = f"SELECT 0, name, token, 0 FROM {quote(stamps.STAMP_TABLE)} WHERE name IN ({names})"
    params: list = list(stamps.SITE_STAMPS)
    if slugs:
        placeholders = ", ".join(["%s"] * len(slugs))
        sql += (
            f" UNION ALL SELECT 1, slug, cache_version, votes_version"
            f" FROM {quote(Tool._meta.db_table)} WHERE slug IN ({placeholders})"
        )
        params += slugs
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    site = {name: token for kind, name, token, _ in rows if kind == 0}
    return Stamps(
        content=site.get(stamps.CONTENT, 0),
        votes=site.get(stamps.VOTES, 0),
        picks=site.get(stamps.PICKS, 0),
        tools={slug: token for kind, slug, token, _ in rows if kind == 1},
        tool_votes={slug: token for kind, slug, _, token in rows if kind == 1},
    )


def mark_changed(tool_ids: Iterable[int] | None) -> None:
    """Editors changed what pages show: every page of many tools, and the pages of `tool_ids`
    (None: every tool)."""
    stamps.move([stamps.CONTENT])
    _move_tools(tool_ids)


def mark_votes_changed(tool_ids: Iterable[int]) -> None:
    """Votes moved these tools' tallies: the fragments that show their community figures (on
    their own pages, and in lists), never a whole page.

    The VOTES row, which every vote writes, is moved last, so it stays locked only until the
    voter's transaction commits.
    """
    Tool.objects.filter(pk__in=list(tool_ids)).update(votes_version=stamps.new_token())
    stamps.move([stamps.VOTES])


def mark_tool_pages_changed(tool_ids: Iterable[int]) -> None:
    """Something only these tools' own pages show changed (e.g. the tool page's moderation log)."""
    _move_tools(tool_ids)


def mark_picks_changed() -> None:
    """Head-to-head picks moved a pair's tally: only the fragments that show pick results."""
    stamps.move([stamps.PICKS])


def _move_tools(tool_ids: Iterable[int] | None) -> None:
    tools = Tool.objects.all() if tool_ids is None else Tool.objects.filter(pk__in=list(tool_ids))
    tools.update(cache_version=stamps.new_token())


def site_stamp(request, **kwargs) -> Version:
    """Pages that show many tools (home, lists, search, reviewers): their own HTML changes with
    editors' changes only; their community figures are fragments keyed by the votes too."""
    found = read_stamps()
    return Version(page=f"c{found.content}", fragments=found.fragments)


def tool_page_stamp(request, slug: str, **kwargs) -> Version | None:
    """A tool's page: editors' changes anywhere (its suggestions and lists) and to the tool; its
    figures are fragments, keyed by votes."""
    found = read_stamps([slug])
    if slug not in found.tools:
        return None  # the view's 404
    return Version(page=f"c{found.content}t{found.tools[slug]}", fragments=found.fragments)
