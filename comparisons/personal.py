"""What the page cache needs from the composed pages: their stamps, how long a copy may live,
and each visitor's own vote panels filled into the page rendered for everyone."""

from __future__ import annotations

import re

from django.conf import settings
from django.template.loader import get_template

from comparisons.models import SLUG_SEPARATOR, Comparison, canonical_slugs
from comparisons.selection import compare_request_problem
from core.pagecache import Version, content_of
from core.publishing import seconds_until_next_publication
from picks.models import Pick
from picks.visitor import choice_value, panel_context
from tools.models import Tool
from tools.stamps import read_stamps
from verdicts.models import Verdict
from votes.flash import outcome_from, pick_subject, vote_subject
from votes.models import Vote
from votes.voters import VisitorVotes, voter_id_from

VOTE_PANEL = re.compile(r"<!--vote-panel:(\d+)-->.*?<!--/vote-panel:\1-->", re.DOTALL)
VOTE_PANEL_START = re.compile(r"<!--vote-panel:(\d+)-->")
PICK_PANEL = re.compile(r"<!--pick-panel:(\d+)-(\d+)-->.*?<!--/pick-panel:\1-\2-->", re.DOTALL)
PICK_PANEL_START = re.compile(r"<!--pick-panel:(\d+)-(\d+)-->")


def compare_stamp(request, slugs: str, **kwargs) -> Version | None:
    """A comparison page shows only its tools: it changes when an editor changes one of them;
    its figures are fragments, keyed by those tools' votes and by the picks."""
    requested = slugs.split(SLUG_SEPARATOR)
    if compare_request_problem(requested) or canonical_slugs(requested) != requested:
        return None  # a 400 or a redirect: the view answers, nothing to store
    found = read_stamps(requested)
    if len(found.tools) != len(requested):
        return None  # an unknown tool: the view's 404
    # Pick results (the head-to-head panel, JSON-LD) are in the page itself: a pick misses the
    # comparison pages, never the lists.
    page = "t" + "-".join(str(found.tools[slug]) for slug in requested) + f"p{found.picks}"
    return Version(page=page, fragments=found.fragments)


def page_lifetime(version: Version | None = None, *, content: int | None = None) -> int:
    """Seconds a cached composed page may live (until the next scheduled publication)."""
    return seconds_until_next_publication(
        Verdict,
        Comparison,
        longest=settings.PAGE_CACHE_SECONDS,
        content=content if content is not None else content_of(version),
    )


def fill_vote_panels(request, html: str) -> str:
    """Swap in this visitor's own vote panels where they have voted: no query for a visitor
    without a voter cookie, one (their votes with those tools) for one who has.

    Right after a vote without JavaScript, the panel of the tool voted on says what the vote
    did ("Counted", "Changed", "Your vote is withdrawn"; votes/flash.py), with or without a
    vote left to show.
    """
    voter_id = voter_id_from(request)
    if voter_id is None:
        return html
    tool_ids = {int(found) for found in VOTE_PANEL_START.findall(html)}
    if not tool_ids:
        return html
    votes = list(
        Vote.objects.by_voter(voter_id).filter(tool_id__in=tool_ids).select_related("tool")
    )
    tools = {vote.tool_id: vote.tool for vote in votes}
    shown = outcome_from(request)
    unvoted = {pk for pk in tool_ids - tools.keys() if shown and shown.subject == vote_subject(pk)}
    if unvoted:  # the vote just withdrawn: no row to join, but its panel says so
        tools.update(Tool.objects.in_bulk(unvoted))
    if not tools:
        return html
    my_votes = VisitorVotes.from_rows(
        (vote.tool_id, vote.choice, vote.status, vote.verified_hash) for vote in votes
    ).showing(shown)
    panel = get_template("votes/vote_panel.html")

    def own_panel(match: re.Match) -> str:
        tool = tools.get(int(match.group(1)))
        if tool is None:
            return match.group(0)
        # Keep only the marked panel (the template opens with a comment).
        rendered = panel.render({"tool": tool, "my_votes": my_votes}, request)
        return rendered[rendered.index("<!--vote-panel:") :].strip()

    return VOTE_PANEL.sub(own_panel, html)


def fill_visitor_parts(request, html: str) -> str:
    """Both kinds of per-visitor panel: ship/skip votes and head-to-head picks."""
    return fill_pick_panels(request, fill_vote_panels(request, html))


def fill_pick_panels(request, html: str) -> str:
    """Swap in this visitor's own pick panels where they have picked: one query for a visitor
    with a voter cookie (their picks on the page's pairs), and the panel's reads for each pair
    they picked (or just withdrew their pick from)."""
    voter_id = voter_id_from(request)
    if voter_id is None:
        return html
    pairs = {(int(first), int(second)) for first, second in PICK_PANEL_START.findall(html)}
    if not pairs:
        return html
    stored = {(min(pair), max(pair)) for pair in pairs}  # picks keep the lower id first
    picks = {
        (a, b): picked
        for a, b, picked in Pick.objects.filter(
            voter_id=voter_id,
            tool_a_id__in={a for a, _ in stored},
            tool_b_id__in={b for _, b in stored},
        ).values_list("tool_a_id", "tool_b_id", "picked_id")
        if (a, b) in stored
    }
    # Right after a pick without JavaScript, its panel says what the pick did, even when it
    # was withdrawn and no row is left (votes/flash.py).
    shown = outcome_from(request)
    shown_pair = next(
        (key for key in stored if shown and shown.subject == pick_subject(*key)), None
    )
    filled = picks.keys() | ({shown_pair} if shown_pair else set())
    if not filled:
        return html
    tools = Tool.objects.in_bulk({tool_id for pair in filled for tool_id in pair})
    panel = get_template("picks/_head_to_head.html#pick_panel")

    def own_panel(match: re.Match) -> str:
        first, second = int(match.group(1)), int(match.group(2))
        key = (min(first, second), max(first, second))
        if key not in filled or first not in tools or second not in tools:
            return match.group(0)
        pair = [tools[first], tools[second]]
        mine = choice_value(picks[key], pair) if key in picks else ""
        outcome = shown.outcome if key == shown_pair else ""
        context = panel_context(request, *pair, mine=mine, outcome=outcome)
        return panel.render(context, request).strip()

    return PICK_PANEL.sub(own_panel, html)
