"""The pick endpoint: POST /picks/<first>/<second>/ with choice=<a slug>|neither, or undo."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from picks.models import NEITHER
from picks.services import PickResult, cast_pick, withdraw_pick
from picks.visitor import choice_value, panel_context
from throttle.identity import hashed_client_ip, hashed_client_network
from throttle.limits import check_rate
from tools.models import Tool
from votes.flash import pick_subject, remember_outcome
from votes.voters import new_voter_id, remember_voter, voter_id_from

PANEL_TEMPLATE = "picks/_head_to_head.html#pick_panel"
# The same hidden field as the vote form: bots that fill every field get no pick.
HONEYPOT_FIELD = "website"
# Picks share the vote limit: one network's ship/skip votes and picks count together.
RATE_SCOPE = "vote"


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


@require_POST
@vary_on_headers("HX-Request")
def pick(request, first: str, second: str):
    tools = {tool.slug: tool for tool in Tool.objects.filter(slug__in=[first, second])}
    if first == second or len(tools) != 2:
        raise Http404("Pick between two different tools that exist.")
    first_tool, second_tool = tools[first], tools[second]
    limit = check_rate(request, RATE_SCOPE)
    if not limit.allowed:
        return _refused(
            request,
            first_tool,
            second_tool,
            f"Too many votes and picks from your network just now. Try again in "
            f"{limit.retry_after} seconds.",
            status=429,
            retry_after=limit.retry_after,
        )
    voter_id = voter_id_from(request)
    if request.POST.get(HONEYPOT_FIELD):
        return _answer(request, first_tool, second_tool, voter_id, result=None)
    if "undo" in request.POST:
        result = withdraw_pick(first=first_tool, second=second_tool, voter_id=voter_id or "")
        return _answer(request, first_tool, second_tool, voter_id, result)
    choice = request.POST.get("choice", "")
    if choice not in (first, second, NEITHER):
        shown = choice[:40] or "nothing"
        return _refused(
            request,
            first_tool,
            second_tool,
            f"A pick is {first_tool.name}, {second_tool.name} or neither; this one said "
            f"“{shown}”, so nothing was counted.",
            status=400,
        )
    voter_id = voter_id or new_voter_id()
    result = cast_pick(
        first=first_tool,
        second=second_tool,
        voter_id=voter_id,
        picked=tools.get(choice),
        ip_hash=hashed_client_ip(request),
        network_hash=hashed_client_network(request),
    )
    return _answer(request, first_tool, second_tool, voter_id, result)


def _answer(request, first: Tool, second: Tool, voter_id, result: PickResult | None):
    """htmx: the refreshed pick panel; without JS: 303 back to where the result shows."""
    if request.htmx:
        if result is None:  # the honeypot: the panel as it was, nothing recorded
            context = panel_context(request, first, second)
        else:
            mine = choice_value(result.picked_id, [first, second]) if result.has_pick else ""
            context = panel_context(
                request,
                first,
                second,
                mine=mine,
                status=result.status or "",
                outcome=result.outcome,
            )
        response = render(request, PANEL_TEMPLATE, context)
    else:
        response = HttpResponseSeeOther(_page_to_return_to(request, first, second))
    if voter_id and result is not None:
        remember_voter(response, voter_id)
        if not request.htmx:  # the page it returns to words the outcome, once
            remember_outcome(response, pick_subject(first.pk, second.pk), result.outcome)
    return response


def _refused(request, first, second, message: str, *, status: int, retry_after=None):
    if request.htmx:
        context = panel_context(request, first, second, notice=message)
        response = render(request, PANEL_TEMPLATE, context, status=status)
    else:
        context = {"message": message, "back": _page_to_return_to(request, first, second)}
        response = render(request, "picks/pick_problem.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _page_to_return_to(request, first: Tool, second: Tool) -> str:
    """The same-site page the form was on (its `next` field), else the first tool's page; at
    the pick panel, where the result is in view."""
    page = first.get_absolute_url()
    asked = request.POST.get("next", "")
    if asked and url_has_allowed_host_and_scheme(
        asked, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(asked)
        if parts.path.startswith("/") and parts.path != request.path:
            page = urlunsplit(("", "", parts.path, parts.query, ""))
    return f"{page}#head-to-head"
