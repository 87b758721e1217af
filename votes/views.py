"""The vote endpoint: POST /tools/<slug>/vote/ with choice=ship|skip, or undo."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from core.pagination import paginate
from throttle.identity import hashed_client_ip, hashed_client_network
from throttle.limits import check_rate
from tools.models import Tool
from votes.figures import current_figure
from votes.flash import remember_outcome, vote_subject
from votes.models import Choice, ModerationEntry
from votes.services import VoteResult, cast_vote, withdraw_vote
from votes.voters import (
    NO_VOTES,
    VisitorVotes,
    remember_voter,
    visitor_votes,
    voter_id_for_vote,
    voter_id_from,
)

# The vote panel is templates/votes/vote_panel.html, included in the tool card of the
# comparison page (the tool page includes the same card); an htmx vote gets the page's
# vote_result partial: the panel and the figures it changed.
PAGE_TEMPLATE = "comparisons/compare.html"
# A text field people never see; bots that fill every field get a polite answer and no vote.
HONEYPOT_FIELD = "website"


class HttpResponseSeeOther(HttpResponseRedirect):
    """303: after a POST, the browser fetches the page again with GET."""

    status_code = 303


@require_POST
@vary_on_headers("HX-Request")
def vote(request, slug: str):
    tool = Tool.objects.filter(slug=slug).first()
    if tool is None:
        raise Http404(f"No tool called {slug}.")
    limit = check_rate(request, "vote")
    if not limit.allowed:
        return _too_many_votes(request, tool, limit.retry_after)
    voter_id = voter_id_from(request)
    if request.POST.get(HONEYPOT_FIELD):
        return _answer(request, tool, voter_id, result=None)
    if "undo" in request.POST:
        result = withdraw_vote(tool=tool, voter_id=voter_id or "")
        return _answer(request, tool, voter_id, result)
    choice = request.POST.get("choice", "")
    if choice not in Choice.values:
        return _bad_choice(request, tool, choice)
    voter_id = voter_id_for_vote(request)
    result = cast_vote(
        tool=tool,
        voter_id=voter_id,
        choice=choice,
        ip_hash=hashed_client_ip(request),
        network_hash=hashed_client_network(request),
    )
    return _answer(request, tool, voter_id, result)


def _answer(request, tool: Tool, voter_id: str | None, result: VoteResult | None):
    """htmx: the refreshed vote panel and figures; without JS: 303 back to the page."""
    if request.htmx:
        if result is None:  # the honeypot: show the page as it was, record nothing
            my_votes = visitor_votes(request, [tool])
        else:
            my_votes = (
                VisitorVotes.from_rows(
                    [(tool.pk, result.choice, result.status, "v" if result.verified else "")]
                )
                if result.choice
                else NO_VOTES
            )
        context = {
            "tool": tool,
            "community": current_figure(tool),
            "my_votes": my_votes,
            "outcome": result.outcome if result else "",  # the panel's status line words it
            "oob": True,
        }
        response = render(request, f"{PAGE_TEMPLATE}#vote_result", context)
    else:
        response = HttpResponseSeeOther(_page_to_return_to(request, tool))
    if voter_id and result is not None:
        remember_voter(response, voter_id)  # a year from the latest vote
        if not request.htmx:  # the page it returns to words the outcome, once
            remember_outcome(response, vote_subject(tool.pk), result.outcome)
    return response


def _page_to_return_to(request, tool: Tool) -> str:
    """The same-site page the vote came from (its Referer), else the tool page.

    Both the Referer and the path taken from it must pass Django's own check: a path such as
    "//evil.example/" (or "/\\evil.example/") on this host is another site to a browser.
    """
    referer = request.headers.get("Referer", "")
    vote_path = reverse("vote", args=[tool.slug])
    page = tool.get_absolute_url()
    if referer and _on_this_site(request, referer):
        parts = urlsplit(referer)
        candidate = urlunsplit(("", "", parts.path, parts.query, ""))
        if (
            parts.path.startswith("/")
            and parts.path != vote_path
            and _on_this_site(request, candidate)
        ):
            page = candidate
    return f"{page}#vote-panel-{tool.slug}"


def _on_this_site(request, url: str) -> bool:
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _too_many_votes(request, tool: Tool, retry_after: int):
    wait = _in_words(retry_after)
    message = f"Too many votes from your network just now. Try again in {wait}."
    if request.htmx:
        response = _panel_with_notice(request, tool, message, status=429)
    else:
        context = {"tool": tool, "wait": wait, "retry_after": retry_after}
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _bad_choice(request, tool: Tool, choice: str):
    shown = choice[:20] or "nothing"
    message = f"A vote is “ship” or “skip”; this one said “{shown}”, so nothing was counted."
    if request.htmx:
        return _panel_with_notice(request, tool, message, status=400)
    context = {"tool": tool, "message": message}
    return render(request, "votes/vote_problem.html", context, status=400)


def _panel_with_notice(request, tool: Tool, notice: str, *, status: int):
    """The visitor's vote panel as it stands, with a message in its status line."""
    context = {"tool": tool, "my_votes": visitor_votes(request, [tool]), "notice": notice}
    return render(request, "votes/vote_panel.html", context, status=status)


def _in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = round(seconds / 60)
    return f"{minutes} minutes"


@require_GET
def moderation_log(request):
    """Every release and void, newest first: tools, counts and days, nothing personal."""
    page_obj = paginate(request, ModerationEntry.objects.latest_first(), per_page=50)
    context = {"page_obj": page_obj, "cap": settings.VOTE_NETWORK_DAILY_CAP}
    return render(request, "votes/moderation_log.html", context)
