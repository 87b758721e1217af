"""The daily cap per network, as votes have it: the first N picks a network makes on a pair in a
UTC day count; later ones are recorded and held (stored, not counted, kept out of the result
and the rankings), and the visitor is told so in plain words."""

from __future__ import annotations

import pytest
from django.test import Client

from picks.models import PairTally, Pick, PickNetworkDay, RankedTool
from picks.rankings import fit_category
from picks.services import cast_pick
from tests.picks.conftest import PAGE, Picker, tally_of
from tests.tools.factories import ToolFactory
from votes.models import NetworkDay, Status
from votes.services import cast_vote

pytestmark = pytest.mark.django_db

CAP = 10
ADDRESS = "198.51.100.7"
HELD_WORDS = (
    "Many picks came from your network today, so it will count once an editor has checked it."
)


@pytest.fixture(autouse=True)
def cap_settings(settings):
    settings.VOTE_NETWORK_DAILY_CAP = CAP
    # The flood guard stays on, wide enough for the test's own bursts.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": "1000/m"}


def fresh_browser_pick(choice: str, first="alpha", second="beta", *, htmx=False, **client_args):
    """One pick from a browser that never picked before: no cookies at all."""
    headers = {"HX-Request": "true"} if htmx else {}
    return Client(**client_args).post(
        f"/picks/{first}/{second}/", {"choice": choice}, headers=headers
    )


def held_of(first, second) -> tuple[int, int, int]:
    """The pair's held counts: (first's, second's, neither), either way round."""
    row = PairTally.objects.for_pair(first, second).get()
    held = (row.held_a_count, row.held_b_count, row.held_neither_count)
    return held if first.pk < second.pk else (held[1], held[0], held[2])


def test_120_picks_from_one_address_with_fresh_cookies_count_at_most_n_and_all_are_recorded(
    pair,
):
    alpha, beta = pair
    for n in range(120):
        choice = ["alpha", "beta", "neither"][n % 3]
        response = fresh_browser_pick(choice, REMOTE_ADDR=ADDRESS)
        assert response.status_code == 303  # answered like any pick: nothing refused
    assert sum(tally_of(alpha, beta)) == CAP
    assert sum(held_of(alpha, beta)) == 110
    assert Pick.objects.count() == 120
    assert Pick.objects.filter(status=Status.HELD).count() == 110
    assert PickNetworkDay.objects.get().picks.count() == 120


def test_a_held_pick_is_told_so_in_plain_words_and_the_result_does_not_move(pair):
    for _ in range(CAP):
        fresh_browser_pick("alpha", REMOTE_ADDR=ADDRESS)
    response = fresh_browser_pick("beta", htmx=True, REMOTE_ADDR=ADDRESS)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Recorded: your pick is Beta. {HELD_WORDS}" in html
    assert "Counted" not in html
    assert "your pick, not counted yet" in html
    assert "10 picks" in html  # the public result: the ten counted, not the held one
    assert tally_of(*pair) == (10, 0, 0)


def test_a_held_picker_sees_the_same_words_on_the_cached_page_after_the_redirect(pair):
    for _ in range(CAP):
        fresh_browser_pick("alpha", REMOTE_ADDR=ADDRESS)
    Picker().open()  # the page is now cached for everyone
    picker = Picker(REMOTE_ADDR=ADDRESS)
    picker.open()
    assert picker.pick(choice="neither", next=PAGE).status_code == 303
    html = picker.open().content.decode()
    assert f"Recorded: your pick is neither. {HELD_WORDS}" in html
    assert 'value="neither" aria-pressed="true"' in html


def test_picks_from_five_networks_behind_a_trusted_proxy_all_count(pair, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    networks = ["203.0.113.9", "198.51.100.20", "192.0.2.44", "2001:db8:1:2::5", "2001:db8:9::7"]
    for address in networks:
        for _ in range(CAP):
            response = fresh_browser_pick(
                "beta", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"{ADDRESS}, {address}"
            )
            assert response.status_code == 303
    assert tally_of(*pair) == (0, 5 * CAP, 0)
    assert held_of(*pair) == (0, 0, 0)
    assert PickNetworkDay.objects.count() == 5


def test_the_cap_is_per_pair_and_apart_from_the_vote_cap(pair, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 1
    alpha, beta = pair
    gamma = ToolFactory(slug="gamma", name="Gamma")
    Client(REMOTE_ADDR=ADDRESS).post("/tools/alpha/vote/", {"choice": "ship"})
    fresh_browser_pick("alpha", REMOTE_ADDR=ADDRESS)
    fresh_browser_pick("alpha", "alpha", "gamma", REMOTE_ADDR=ADDRESS)
    fresh_browser_pick("beta", REMOTE_ADDR=ADDRESS)
    assert tally_of(alpha, beta) == (1, 0, 0) and held_of(alpha, beta) == (0, 1, 0)
    assert tally_of(alpha, gamma) == (1, 0, 0)


def test_held_picks_stay_out_of_the_rankings(settings):
    settings.VOTE_NETWORK_DAILY_CAP = 1
    settings.PICKS_RANKING_MIN_PICKS = 1
    ace = ToolFactory(slug="ace", name="Ace")
    bolt = ToolFactory(slug="bolt", name="Bolt", category=ace.category)
    for choice, address in [("ace", "203.0.113.1"), ("bolt", "192.0.2.1"),
                            ("bolt", "192.0.3.1"), ("bolt", "192.0.4.1")]:  # fmt: skip
        fresh_browser_pick(choice, "ace", "bolt", REMOTE_ADDR=address)
    for _ in range(30):  # one network's flood for Ace: the first counts, 29 are held
        fresh_browser_pick("ace", "ace", "bolt", REMOTE_ADDR="198.51.100.1")
    assert tally_of(ace, bolt) == (2, 3, 0) and held_of(ace, bolt) == (29, 0, 0)
    ranking = fit_category(ace.category)
    assert ranking.decisive_picks == 5
    places = {place.tool_id: place.rank for place in RankedTool.objects.all()}
    assert places[bolt.pk] == 1 and places[ace.pk] == 2


def test_no_raw_address_or_network_is_stored(pair):
    fresh_browser_pick("alpha", REMOTE_ADDR=ADDRESS)
    pick = Pick.objects.select_related("network_day").get()
    assert ADDRESS not in pick.ip_hash and "198.51.100" not in pick.network_day.network_hash
    assert len(pick.network_day.network_hash) == 64


def test_votes_and_picks_follow_the_one_cap_rule_and_setting(pair, settings):
    """votes/caps.py decides for both: a cap of 0 holds every answer from a known network."""
    settings.VOTE_NETWORK_DAILY_CAP = 0
    alpha, beta = pair
    network = "n" * 64
    vote = cast_vote(tool=alpha, voter_id="a" * 32, choice="ship", network_hash=network)
    pick = cast_pick(first=alpha, second=beta, voter_id="a" * 32, picked=beta,
                     network_hash=network)  # fmt: skip
    assert vote.status == pick.status == Status.HELD
    assert NetworkDay.objects.count() == PickNetworkDay.objects.count() == 1
