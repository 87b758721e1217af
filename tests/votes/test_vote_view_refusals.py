"""POST /tools/<slug>/vote/: bad input gets a clear 4xx and writes nothing."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.votes.conftest import snapshot
from throttle.rates import Rate
from votes.voters import VOTER_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def before(voted_before):
    return snapshot()


def test_unknown_tool_is_404_and_writes_nothing(visitor, before):
    response = visitor.vote("no-such-tool", choice="ship")
    assert response.status_code == 404
    assert "No tool called no-such-tool." in response.content.decode()  # the site's 404 page
    assert snapshot() == before


@pytest.mark.parametrize("data", [{"choice": "maybe"}, {"choice": ""}, {}, {"choice": "x" * 500}])
def test_a_choice_other_than_ship_or_skip_is_400_with_a_reason(visitor, before, data):
    response = visitor.vote("alpha", **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "We couldn't count that vote" in html
    assert "A vote is “ship” or “skip”" in html and "nothing was counted" in html
    assert "x" * 21 not in html  # what we echo back is cut short
    assert VOTER_COOKIE not in response.cookies
    assert snapshot() == before


def test_htmx_bad_choice_is_400_with_the_message_in_the_panel(visitor, before):
    response = visitor.vote("alpha", choice="maybe", htmx=True)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="vote-panel" id="vote-panel-alpha"' in html and "<html" not in html
    assert "this one said “maybe”, so nothing was counted." in html
    assert snapshot() == before


def test_get_is_405_and_writes_nothing(visitor, before):
    response = visitor.client.get("/tools/alpha/vote/", {"choice": "ship"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert snapshot() == before


@pytest.mark.parametrize("token", ["", "wrong-token-" + "x" * 52])
def test_missing_or_wrong_csrf_token_is_403_and_writes_nothing(visitor, before, token):
    response = visitor.vote("alpha", choice="ship", token=token)
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert snapshot() == before


def test_no_csrf_cookie_is_403_and_explains_cookies(visitor, before):
    visitor.client.cookies.clear()
    response = visitor.vote("alpha", choice="ship")
    assert response.status_code == 403
    assert "allow cookies for this site" in response.content.decode()
    assert snapshot() == before


@override_settings(RATE_LIMITS={"vote": Rate(2, 60)}, RATE_LIMIT_STORE="database")
def test_over_the_rate_limit_is_429_with_retry_after_and_writes_nothing(visitor, voted_before):
    visitor.vote("alpha", choice="ship")
    visitor.vote("alpha", choice="skip")
    before = snapshot()
    response = visitor.vote("alpha", choice="ship")
    html = response.content.decode()
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Slow down a little" in html and "Try again in " in html
    assert f"Try again in {response['Retry-After']} second" in html
    assert '<link rel="stylesheet"' in html  # the site's design, from base.html
    assert snapshot() == before


@override_settings(RATE_LIMITS={"vote": Rate(1, 60)}, RATE_LIMIT_STORE="database")
def test_htmx_over_the_rate_limit_gets_the_panel_with_a_readable_message(visitor, voted_before):
    visitor.vote("alpha", choice="ship", htmx=True)
    before = snapshot()
    response = visitor.vote("alpha", choice="skip", htmx=True)
    html = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"]
    assert "Too many votes from your network just now. Try again in" in html
    assert 'value="ship" aria-pressed="true"' in html  # their earlier vote still shows
    assert snapshot() == before


@override_settings(RATE_LIMITS={"vote": Rate(1, 60)}, RATE_LIMIT_STORE="database")
def test_rate_limit_counts_per_client_ip(tool, voted_before):
    from tests.votes.conftest import Visitor

    first, second = Visitor(REMOTE_ADDR="203.0.113.1"), Visitor(REMOTE_ADDR="203.0.113.2")
    for visitor in (first, second):
        visitor.open("/tools/alpha/")
        assert visitor.vote("alpha", choice="skip").status_code == 303
    assert first.vote("alpha", choice="ship").status_code == 429


@override_settings(RATE_LIMITS={"vote": None})
def test_zero_turns_the_limit_off(visitor):
    statuses = {visitor.vote("alpha", choice=c).status_code for c in ["ship", "skip"] * 20}
    assert statuses == {303}
