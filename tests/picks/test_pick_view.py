"""POST /picks/<first>/<second>/: with htmx in place, and as a plain POST without JavaScript."""

from __future__ import annotations

import pytest

from picks.models import Pick
from tests.picks.conftest import PAGE, Picker, picks_snapshot, tally_of
from throttle.rates import Rate
from votes.voters import VOTER_COOKIE

pytestmark = pytest.mark.django_db


def test_the_comparison_page_asks_which_you_would_ship_with(picker, pair):
    html = picker.open().content.decode()
    assert "Which would you ship with?" in html
    for value in ("alpha", "beta", "neither"):
        assert f'name="choice" value="{value}" aria-pressed="false"' in html
    assert 'action="/picks/alpha/beta/"' in html
    assert "not which tool is better" in html  # community preference, not quality


def test_without_js_a_pick_counts_and_redirects_303_to_the_result(picker, pair):
    response = picker.pick(choice="beta", next=PAGE)
    assert response.status_code == 303
    assert response["Location"] == f"{PAGE}#head-to-head"
    assert tally_of(*pair) == (0, 1, 0)
    assert VOTER_COOKIE in response.cookies


@pytest.mark.parametrize("next_page", ["", "https://elsewhere.example/", "//evil.example/x"])
def test_without_a_same_site_next_page_it_returns_to_the_first_tool(picker, next_page):
    response = picker.pick(choice="neither", next=next_page)
    assert response.status_code == 303
    assert response["Location"] == "/tools/alpha/#head-to-head"


def test_after_the_redirect_the_page_shows_the_pick_as_theirs(picker, pair):
    picker.pick(choice="beta", next=PAGE)
    html = picker.open().content.decode()
    assert 'value="beta" aria-pressed="true"' in html
    assert "Counted: your pick is Beta." in html
    assert "your pick</span>" in html
    assert "Withdraw my pick" in html
    # Someone else sees the same cached page without it.
    other = Picker()
    other_html = other.open().content.decode()
    assert 'value="beta" aria-pressed="false"' in other_html
    assert "Withdraw my pick" not in other_html


def test_htmx_gets_the_panel_in_place_with_vary(picker, pair):
    response = picker.pick(choice="alpha", htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert html.lstrip().startswith("<!--pick-panel:")
    assert "Counted: your pick is Alpha." in html
    assert 'value="alpha" aria-pressed="true"' in html
    changed = picker.pick(choice="neither", htmx=True).content.decode()
    assert "Changed: your pick is now neither." in changed
    withdrawn = picker.pick(undo="1", htmx=True).content.decode()
    assert "Your pick is withdrawn." in withdrawn
    assert Pick.objects.count() == 0


def test_a_choice_outside_the_pair_is_a_400_that_counts_nothing(picker, pair):
    response = picker.pick(choice="gamma")
    assert response.status_code == 400
    assert "nothing was counted" in response.content.decode()
    assert picks_snapshot() == ([], [])
    htmx = picker.pick(choice="", htmx=True)
    assert htmx.status_code == 400 and "said “nothing”" in htmx.content.decode()


def test_an_unknown_tool_is_a_404(picker):
    assert picker.pick("alpha", "nope", choice="alpha").status_code == 404
    assert picker.pick("alpha", "alpha", choice="alpha").status_code == 404


def test_a_pick_without_the_csrf_token_is_refused(picker):
    assert picker.pick(choice="alpha", token="").status_code == 403
    assert Pick.objects.count() == 0


def test_the_honeypot_counts_nothing_but_answers_calmly(picker):
    response = picker.pick(choice="alpha", website="http://spam.example")
    assert response.status_code == 303
    assert Pick.objects.count() == 0


def test_picks_share_the_vote_rate_limit(picker, pair, monkeypatch):
    monkeypatch.setattr("throttle.limits.rate_for", lambda scope: Rate(2, 60))
    assert picker.pick(choice="alpha").status_code == 303
    assert picker.pick(choice="beta").status_code == 303
    refused = picker.pick(choice="neither", htmx=True)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many votes and picks" in refused.content.decode()
    assert tally_of(*pair) == (0, 1, 0)


def test_the_comparison_page_costs_the_same_queries_however_many_picks(client, pair, settings):
    """The page reads the pair's tally, never the pick rows: 0 picks or 300, same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from picks.services import cast_pick

    settings.PAGE_CACHE = False

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    empty = queries()
    alpha, beta = pair
    settings.PICKS_FIT_INTERVAL_SECONDS = 3600
    for n in range(300):
        cast_pick(first=alpha, second=beta, voter_id=f"{n:032x}", picked=[alpha, beta, None][n % 3])
    assert queries() == empty
