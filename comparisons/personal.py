"""What the page cache needs from the composed pages: their stamps, how long a copy may live,
and each visitor's own vote panels filled into the page rendered for everyone."""

from __future__ import annotations

import re

from django.conf import settings
from django.template.loader import get_template

from comparisons.models import SLUG_SEPARATOR, Comparison, canonical_slugs
from comparisons.selection import compare_request_problem
from core.pagecache import Version
from core.publishing import seconds_until_next_publication
from tools.stamps import read_stamps
from verdicts.models import Verdict
from votes.models import Vote
from votes.voters import VisitorVotes, voter_id_from

VOTE_PANEL = re.compile(r"<!--vote-panel:(\d+)-->.*?<!--/vote-panel:\1-->", re.DOTALL)
VOTE_PANEL_START = re.compile(r"<!--vote-panel:(\d+)-->")


def compare_stamp(request, slugs: str, **kwargs) -> Version | None:
    """A comparison page shows only its tools: it changes when one of them does (an edit or a
    vote on one of them)."""
    requested = slugs.split(SLUG_SEPARATOR)
    if compare_request_problem(requested) or canonical_slugs(requested) != requested:
        return None  # a 400 or a redirect: the view answers, nothing to store
    found = read_stamps(requested)
    if len(found.tools) != len(requested):
        return None  # an unknown tool: the view's 404
    page = "t" + "-".join(str(found.tools[slug]) for slug in requested)
    return Version(page=page, fragments=found.fragments)


def page_lifetime() -> int:
    """Seconds a cached composed page may live (until the next scheduled publication)."""
    return seconds_until_next_publication(Verdict, Comparison, longest=settings.PAGE_CACHE_SECONDS)


def fill_vote_panels(request, html: str) -> str:
    """Swap in this visitor's own vote panels where they have voted: no query for a visitor
    without a voter cookie, one (their votes with those tools) for one who has."""
    voter_id = voter_id_from(request)
    if voter_id is None:
        return html
    tool_ids = {int(found) for found in VOTE_PANEL_START.findall(html)}
    if not tool_ids:
        return html
    votes = list(
        Vote.objects.by_voter(voter_id).filter(tool_id__in=tool_ids).select_related("tool")
    )
    if not votes:
        return html
    my_votes = VisitorVotes({vote.tool_id: vote.choice for vote in votes})
    tools = {vote.tool_id: vote.tool for vote in votes}
    panel = get_template("votes/vote_panel.html")

    def own_panel(match: re.Match) -> str:
        tool = tools.get(int(match.group(1)))
        if tool is None:
            return match.group(0)
        # Keep only the marked panel (the template opens with a comment).
        rendered = panel.render({"tool": tool, "my_votes": my_votes}, request)
        return rendered[rendered.index("<!--vote-panel:") :].strip()

    return VOTE_PANEL.sub(own_panel, html)
