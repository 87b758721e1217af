"""After a vote without JavaScript, the page it returns to says what the vote did, once.

The 303 carries the outcome in a short-lived cookie (votes/flash.py); the visitor's own vote
panel, filled into the page everyone shares, words it as the htmx answer does. The shared
copy never holds it, and the next page answer forgets it.
"""

from __future__ import annotations

import pytest

from tests.tools.factories import ToolFactory
from tests.votes.conftest import Visitor
from votes.flash import OUTCOME_COOKIE, OUTCOME_COOKIE_MAX_AGE

pytestmark = pytest.mark.django_db

COMPARE = "/compare/alpha-vs-beta/"


@pytest.fixture
def pair(tool):
    ToolFactory(slug="beta", name="Beta")


def status_line(html: str, slug: str) -> str:
    panel = html[html.index(f'id="vote-panel-{slug}"') :]
    line = panel[panel.index('class="vote-form__status"') :]
    return " ".join(line[line.index(">") + 1 : line.index("<span")].split())


def test_the_redirect_carries_the_outcome_in_a_short_lived_lax_httponly_cookie(visitor):
    response = visitor.vote("alpha", choice="ship")
    assert response.status_code == 303
    cookie = response.cookies[OUTCOME_COOKIE]
    assert cookie.value == f"{visitor_tool_id()}.created"
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert cookie["max-age"] == OUTCOME_COOKIE_MAX_AGE == 60


def visitor_tool_id() -> int:
    from tools.models import Tool

    return Tool.objects.get(slug="alpha").pk


@pytest.mark.parametrize("page_cache", [True, False])
@pytest.mark.parametrize(
    ("votes", "said"),
    [
        ([{"choice": "ship"}], "Counted: you voted “ship”."),
        ([{"choice": "ship"}, {"choice": "skip"}], "Changed: you now vote “skip”."),
        ([{"choice": "ship"}, {"choice": "ship"}], "Already counted: you voted “ship”."),
        ([{"choice": "ship"}, {"undo": "1"}], "Your vote is withdrawn."),
    ],
)
def test_the_page_returned_to_words_the_outcome_once(settings, pair, votes, said, page_cache):
    settings.PAGE_CACHE = page_cache
    visitor = Visitor()
    visitor.open(COMPARE)
    for data in votes:
        response = visitor.vote("alpha", referer=f"http://testserver{COMPARE}", **data)
        assert response["Location"] == f"{COMPARE}#vote-panel-alpha"
    landed = visitor.open(COMPARE)
    html = landed.content.decode()
    assert status_line(html, "alpha") == said
    assert status_line(html, "beta") == "One vote per visitor; change it any time."
    assert landed.cookies[OUTCOME_COOKIE].value == ""  # deleted: shown once
    again = visitor.open(COMPARE).content.decode()
    assert status_line(again, "alpha") != said


def test_the_copy_everyone_shares_never_holds_the_outcome(pair):
    voter = Visitor()
    voter.open(COMPARE)
    voter.vote("alpha", choice="ship")
    assert "Counted:" in voter.open(COMPARE).content.decode()
    reader = Visitor().open(COMPARE)
    assert reader["X-Page-Cache"] == "hit"
    assert "Counted:" not in reader.content.decode()
    assert status_line(reader.content.decode(), "alpha") == (
        "One vote per visitor; change it any time."
    )


def test_votes_over_htmx_set_no_outcome_cookie(visitor):
    response = visitor.vote("alpha", choice="ship", htmx=True)
    assert "Counted: you voted “ship”." in response.content.decode()
    assert OUTCOME_COOKIE not in response.cookies


@pytest.mark.parametrize("value", ["x.created", "1.deleted-everything", "<b>", "1"])
def test_a_malformed_outcome_cookie_is_ignored(visitor, value):
    visitor.vote("alpha", choice="ship")
    visitor.client.cookies[OUTCOME_COOKIE] = value
    html = visitor.open("/tools/alpha/").content.decode()
    assert status_line(html, "alpha") == "You voted “ship”."
