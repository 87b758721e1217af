"""The methodology page explains head-to-head picks with the numbers in force."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_methodology_page_explains_the_model_the_minimum_and_its_limits(client, settings):
    settings.PICKS_RANKING_MIN_PICKS = 25
    settings.COMMUNITY_MINIMUM_VOTES = 12
    html = client.get("/methodology/").content.decode()
    assert 'id="head-to-head-method"' in html
    assert "Bradley–Terry" in html and "“Neither” is left out." in html
    assert "once it has 25 picks for or against it" in html
    assert "Under 12 picks a pair shows its counts in words" in html
    assert "Picks are not blind" in html


def test_the_pick_section_links_to_how_picks_are_counted(client, pair):
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert '<a href="/methodology/#head-to-head-method">How picks are counted</a>' in html


def test_the_methodology_page_states_the_network_cap_picks_share_with_votes(client, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 7
    html = client.get("/methodology/").content.decode()
    assert "each network counts at most 7 picks per pair of tools per day" in html
    assert 'href="/moderation/">moderation log</a>' in html
