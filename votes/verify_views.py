"""Verify a vote by e-mail: ask for the link (after voting), then open it (GET shows a
button, only its POST verifies: mail scanners follow links)."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from throttle.limits import check_rate
from tools.models import Tool
from votes.forms import VerifyVoteForm
from votes.models import Status, Vote
from votes.services import VerifyOutcome, verify_vote
from votes.verification import (
    LINK_MAX_AGE,
    LinkProblem,
    read_verification_token,
    request_verification,
)
from votes.voters import voter_id_from

TEMPLATE = "votes/verify.html"


def _tool_or_404(slug: str) -> Tool:
    tool = Tool.objects.filter(slug=slug).first()
    if tool is None:
        raise Http404(f"No tool called {slug}.")
    return tool


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def request_link(request, slug: str):
    tool = _tool_or_404(slug)
    voter_id = voter_id_from(request)
    vote = Vote.objects.filter(tool=tool, voter_id=voter_id).first() if voter_id else None
    form = VerifyVoteForm(request.POST if request.method == "POST" else None)
    context = {"step": "form", "tool": tool, "vote": vote, "form": form}
    if request.method == "GET" or vote is None or vote.is_verified:
        return render(request, TEMPLATE, context, status=200 if request.method == "GET" else 400)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    decision = check_rate(request, "verify")
    if not decision.allowed:
        form.add_error(None, "Too many links asked for from your network just now; try later.")
        response = render(request, TEMPLATE, context, status=429)
        response["Retry-After"] = str(decision.retry_after)
        return response
    if vote.status != Status.VOIDED:
        request_verification(tool=tool, voter_id=voter_id, email=form.cleaned_data["email"])
    return _see_other(reverse("verify-vote-sent", args=[tool.slug]))


@require_GET
def link_sent(request, slug: str):
    tool = _tool_or_404(slug)
    return render(
        request, TEMPLATE, {"step": "sent", "tool": tool, "valid_days": LINK_MAX_AGE.days}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def open_link(request, token: str):
    vote_id, hashed, problem = read_verification_token(token)
    context = {"step": "problem", "problem": problem, "valid_days": LINK_MAX_AGE.days}
    if problem != LinkProblem.NONE:
        return render(request, TEMPLATE, context, status=400)
    vote = Vote.objects.select_related("tool").filter(pk=vote_id).first()
    if vote is None or vote.status == Status.VOIDED:
        context["problem"] = "no vote" if vote is None else "voided"
        return render(request, TEMPLATE, context, status=400)
    context.update(tool=vote.tool, vote=vote, token=token)
    if request.method == "GET":
        return render(request, TEMPLATE, {**context, "step": "confirm"})
    outcome = verify_vote(vote_id=vote_id, hashed_address=hashed)
    if outcome in (VerifyOutcome.NO_VOTE, VerifyOutcome.VOIDED):
        context["problem"] = outcome.value
        return render(request, TEMPLATE, context, status=400)
    vote.refresh_from_db(fields=["choice"])
    return render(request, TEMPLATE, {**context, "step": "done", "outcome": outcome.value})
