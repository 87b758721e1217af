"""POST /tools/<slug>/vote/: votes that count (refusals are in test_vote_view_refusals.py)."""

from __future__ import annotations

import logging

import pytest
from django.test import override_settings

from tests.tools.factories import ToolFactory
from tests.votes.conftest import Visitor
from throttle.models import RateBucket
from throttle.rates import Rate
from votes.models import Vote, VoteTally
from votes.voters import VOTER_COOKIE

pytestmark = pytest.mark.django_db


def tally(slug: str = "alpha") -> tuple[int, int]:
    row = VoteTally.objects.filter(tool__slug=slug).first()
    return (row.ship_count, row.skip_count) if row else (0, 0)


# --- Without JavaScript: POST, then 303 back to the page ----------------------------------


def test_vote_without_js_counts_and_answers_303_to_the_same_site_page(visitor):
    response = visitor.vote("alpha", choice="ship", referer="http://testserver/compare/a-vs-b/?x=1")
    assert response.status_code == 303
    assert response["Location"] == "/compare/a-vs-b/?x=1#vote-panel-alpha"
    assert tally() == (1, 0)
    assert Vote.objects.get().choice == "ship"


@pytest.mark.parametrize(
    "referer",
    [
        "",
        "https://elsewhere.example/compare/a-vs-b/",
        "//elsewhere.example/",
        # Same host, but a path that a browser reads as another host (protocol-relative).
        "http://testserver//elsewhere.example/",
        "http://testserver//elsewhere.example/compare/a-vs-b/?x=1",
        "http://testserver/\\elsewhere.example/",
        "http://testserver/\\/elsewhere.example/",
        "http://testserver///elsewhere.example/",
        "javascript:alert(1)",
        "http://testserver/tools/alpha/vote/",
    ],
)
def test_vote_without_a_usable_same_site_referer_returns_to_the_tool_page(visitor, referer):
    response = visitor.vote("alpha", choice="skip", referer=referer)
    assert response.status_code == 303
    assert response["Location"] == "/tools/alpha/#vote-panel-alpha"
    assert tally() == (0, 1)


def test_page_after_the_redirect_shows_the_vote_pressed_and_counted(visitor):
    visitor.vote("alpha", choice="ship")
    html = visitor.open("/tools/alpha/").content.decode()
    assert 'value="ship" aria-pressed="true"' in html
    assert 'value="skip" aria-pressed="false"' in html
    assert "Counted: you voted “ship”." in html and "Undo my vote" in html
    assert 'figure__value--words">1 vote — too few to call</span>' in html


# --- The voter cookie ----------------------------------------------------------------------


def test_first_vote_sets_a_signed_httponly_lax_cookie_for_a_year(visitor):
    response = visitor.vote("alpha", choice="ship")
    cookie = response.cookies[VOTER_COOKIE]
    voter_id = Vote.objects.get().voter_id
    assert cookie.value.startswith(voter_id + ":")  # signed: id, timestamp, signature
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["secure"]  # tests run with DEBUG off, as production does


def test_second_vote_from_same_visitor_changes_it(visitor):
    visitor.vote("alpha", choice="ship")
    response = visitor.vote("alpha", choice="skip", htmx=True)
    assert "Changed: you now vote “skip”." in response.content.decode()
    assert list(Vote.objects.values_list("choice", flat=True)) == ["skip"]
    assert tally() == (0, 1)


def test_same_choice_again_changes_nothing(visitor):
    visitor.vote("alpha", choice="ship")
    response = visitor.vote("alpha", choice="ship", htmx=True)
    assert "Already counted: you voted “ship”." in response.content.decode()
    assert Vote.objects.count() == 1 and tally() == (1, 0)


def test_undo_removes_the_vote(visitor):
    visitor.vote("alpha", choice="skip")
    response = visitor.vote("alpha", undo="1")
    assert response.status_code == 303
    assert not Vote.objects.exists() and tally() == (0, 0)


def test_two_visitors_are_two_voters(tool):
    first, second = Visitor(), Visitor()
    for visitor, choice in [(first, "ship"), (second, "skip")]:
        visitor.open("/tools/alpha/")
        visitor.vote("alpha", choice=choice)
    assert Vote.objects.values("voter_id").distinct().count() == 2
    assert tally() == (1, 1)


def test_a_forged_voter_cookie_is_not_trusted_and_gets_a_fresh_voter(visitor):
    visitor.client.cookies[VOTER_COOKIE] = "e" * 32  # unsigned: someone else's id, guessed
    response = visitor.vote("alpha", choice="ship")
    vote = Vote.objects.get()
    assert vote.voter_id != "e" * 32
    assert response.cookies[VOTER_COOKIE].value.startswith(vote.voter_id + ":")


# --- With htmx: the panel and figures of the same template ---------------------------------


def test_htmx_vote_answers_the_vote_panel_partial_and_varies_on_hx_request(visitor):
    response = visitor.vote("alpha", choice="ship", htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert "<html" not in html and "<h1" not in html
    assert html.count('id="vote-panel-alpha"') == 1
    assert 'value="ship" aria-pressed="true"' in html
    assert "Counted: you voted “ship”." in html
    assert 'name="csrfmiddlewaretoken"' in html  # the swapped-in form still posts


def test_htmx_vote_updates_the_community_figures_out_of_band(visitor):
    html = visitor.vote("alpha", choice="ship", htmx=True).content.decode()
    assert 'id="community-cell-alpha" hx-swap-oob="true"' in html
    assert 'figure__value--words">1 vote — too few to call</span>' in html
    assert "100%" not in html and "interval" not in html  # one vote is no share


def test_htmx_undo_says_so_and_unpresses_both_buttons(visitor):
    visitor.vote("alpha", choice="ship", htmx=True)
    html = visitor.vote("alpha", undo="1", htmx=True).content.decode()
    assert "Your vote is withdrawn." in html
    assert 'aria-pressed="true"' not in html
    assert "Undo my vote" not in html
    assert '<span class="figure__value">—</span>' in html


def test_vote_panel_swap_matches_the_panel_on_the_page(visitor):
    """The htmx answer is the page's own partial: same form, same buttons, same ids."""
    visitor.vote("alpha", choice="skip")
    page = visitor.open("/tools/alpha/").content.decode()
    swapped = visitor.vote("alpha", choice="skip", htmx=True).content.decode()
    for fragment in [
        'class="vote-panel" id="vote-panel-alpha"',
        'action="/tools/alpha/vote/" hx-post="/tools/alpha/vote/"',
        'id="vote-alpha-skip" type="submit" name="choice" value="skip" aria-pressed="true"',
        'name="website"',
    ]:
        assert fragment in page and fragment in swapped


# --- Honeypot ------------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True])
def test_a_filled_honeypot_records_nothing_and_sets_no_cookie(visitor, htmx):
    response = visitor.vote("alpha", choice="ship", website="https://spam.example", htmx=htmx)
    assert response.status_code == (200 if htmx else 303)
    assert VOTER_COOKIE not in response.cookies
    assert not Vote.objects.exists() and not VoteTally.objects.exists()


# --- Privacy: no raw IP anywhere we control -----------------------------------------------


@override_settings(RATE_LIMITS={"vote": Rate(2, 60)}, RATE_LIMIT_STORE="database")
def test_no_raw_ip_is_stored_or_logged(tool, caplog):
    ip = "203.0.113.77"
    visitor = Visitor(REMOTE_ADDR=ip)
    visitor.open("/tools/alpha/")
    caplog.set_level(logging.DEBUG)
    visitor.vote("alpha", choice="ship")  # counted
    visitor.vote("alpha", choice="maybe")  # 400
    visitor.vote("alpha", choice="skip")  # 429
    visitor.vote("alpha", choice="skip", token="wrong")  # 403
    assert ip not in caplog.text
    vote = Vote.objects.get()
    assert len(vote.ip_hash) == 64 and ip not in vote.ip_hash
    stored = [str(value) for row in Vote.objects.values_list() for value in row]
    stored += [str(value) for row in RateBucket.objects.values_list() for value in row]
    assert stored and not any(ip in value for value in stored)


def test_ip_hash_of_a_changed_vote_is_the_latest_one(tool):
    first = Visitor(REMOTE_ADDR="203.0.113.1")
    first.open("/tools/alpha/")
    first.vote("alpha", choice="ship")
    before = Vote.objects.get().ip_hash
    first.client.defaults["REMOTE_ADDR"] = "203.0.113.2"
    first.vote("alpha", choice="skip")
    assert Vote.objects.get().ip_hash not in {"", before}


def test_votes_on_two_tools_are_independent(visitor):
    ToolFactory(slug="beta")
    visitor.vote("alpha", choice="ship")
    visitor.vote("beta", choice="skip")
    assert (tally("alpha"), tally("beta")) == ((1, 0), (0, 1))
