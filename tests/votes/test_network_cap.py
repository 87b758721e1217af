"""The daily cap per network: the first N votes a network casts on a tool count, later ones
are recorded and held (stored, not counted) with a plain answer to the visitor."""

from __future__ import annotations

import pytest
from django.test import Client

from throttle.identity import client_network
from votes.models import NetworkDay, Status, Vote, VoteTally

pytestmark = pytest.mark.django_db

CAP = 10
HELD_WORDS = (
    "Many votes came from your network today, so it will count once an editor has checked it."
)


@pytest.fixture(autouse=True)
def cap_settings(settings):
    settings.VOTE_NETWORK_DAILY_CAP = CAP
    # The flood guard stays on, wide enough for the test's own bursts.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": "1000/m"}


def fresh_browser_vote(slug: str, choice: str, *, htmx: bool = False, **client_args):
    """One vote from a browser that never voted before: no cookies at all."""
    headers = {"HX-Request": "true"} if htmx else {}
    return Client(**client_args).post(f"/tools/{slug}/vote/", {"choice": choice}, headers=headers)


def tally(tool) -> dict[str, int]:
    return (
        VoteTally.objects.filter(tool=tool)
        .values("ship_count", "skip_count", "held_ship_count", "held_skip_count")
        .get()
    )


def test_120_votes_from_one_address_with_fresh_cookies_count_at_most_n_and_all_are_recorded(
    tool,
):
    for n in range(120):
        choice = "ship" if n % 3 else "skip"
        response = fresh_browser_vote("alpha", choice, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 303  # answered like any vote: nothing refused
    counts = tally(tool)
    assert counts["ship_count"] + counts["skip_count"] == CAP
    assert counts["held_ship_count"] + counts["held_skip_count"] == 110
    assert Vote.objects.filter(tool=tool).count() == 120
    assert Vote.objects.filter(tool=tool, status=Status.HELD).count() == 110
    assert NetworkDay.objects.get().votes.count() == 120


def test_a_held_vote_is_told_so_in_plain_words(tool):
    for _ in range(CAP):
        fresh_browser_vote("alpha", "ship", REMOTE_ADDR="198.51.100.7")
    response = fresh_browser_vote("alpha", "skip", htmx=True, REMOTE_ADDR="198.51.100.7")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Recorded: you voted “skip”. {HELD_WORDS}" in html
    assert "Counted" not in html
    # The public figure did not move; the OOB figure says so.
    assert "ship · 10 votes" in html


def test_a_held_voter_sees_the_same_words_on_the_page_after_the_redirect(tool):
    for _ in range(CAP):
        fresh_browser_vote("alpha", "ship", REMOTE_ADDR="198.51.100.7")
    browser = Client(REMOTE_ADDR="198.51.100.7")
    browser.post("/tools/alpha/vote/", {"choice": "skip"})
    assert HELD_WORDS in browser.get("/tools/alpha/").content.decode()


def test_votes_from_five_networks_behind_a_trusted_proxy_all_count(tool, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    networks = ["203.0.113.9", "198.51.100.20", "192.0.2.44", "2001:db8:1:2::5", "2001:db8:9::7"]
    for address in networks:
        for _ in range(CAP):
            # The proxy appends the address it saw; anything before it is the client's word.
            response = fresh_browser_vote(
                "alpha",
                "ship",
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"198.51.100.7, {address}",
            )
            assert response.status_code == 303
    assert tally(tool) == {
        "ship_count": 5 * CAP,
        "skip_count": 0,
        "held_ship_count": 0,
        "held_skip_count": 0,
    }
    assert NetworkDay.objects.count() == 5


def test_addresses_in_one_slash_24_or_slash_64_share_a_cap(tool, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 1
    for address in ["203.0.113.9", "203.0.113.200", "2001:db8:1:2::5", "2001:db8:1:2:ffff::1"]:
        fresh_browser_vote("alpha", "ship", REMOTE_ADDR=address)
    assert tally(tool)["ship_count"] == 2 and tally(tool)["held_ship_count"] == 2


@pytest.mark.parametrize(
    "address, network",
    [
        ("203.0.113.9", "203.0.113.0/24"),
        ("::ffff:203.0.113.9", "203.0.113.0/24"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("not an address", "not an address"),
    ],
)
def test_the_network_is_the_slash_24_or_slash_64(rf, address, network):
    assert client_network(rf.get("/", REMOTE_ADDR=address)) == network


def test_no_raw_address_or_network_is_stored(tool):
    fresh_browser_vote("alpha", "ship", REMOTE_ADDR="198.51.100.7")
    vote = Vote.objects.select_related("network_day").get()
    stored = f"{vote.ip_hash} {vote.network_day.network_hash}"
    assert "198.51.100" not in stored and len(vote.network_day.network_hash) == 64
