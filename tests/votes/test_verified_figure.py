"""The verified figure beside the whole community figure, and the way to verify a vote."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteTallyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


def test_the_verified_figure_stands_beside_the_community_figure():
    tool = ToolFactory(slug="alpha")
    VoteTallyFactory(
        tool=tool, ship_count=700, skip_count=300, verified_ship_count=151, verified_skip_count=61
    )
    html = Client().get("/tools/alpha/").content.decode()
    assert "Verified: 71% ship · 212 votes" in html


def test_a_small_verified_sample_is_a_count_in_words(settings):
    tool = ToolFactory(slug="alpha")
    VoteTallyFactory(tool=tool, ship_count=40, skip_count=2, verified_ship_count=3)
    html = Client().get("/tools/alpha/").content.decode()
    assert "Verified: 3 votes — too few to call" in html
    assert "Verified: 100%" not in html


def test_no_verified_votes_says_so():
    ToolFactory(slug="alpha")
    assert "Verified: no verified votes yet" in Client().get("/tools/alpha/").content.decode()


def test_the_community_section_offers_each_tool_a_way_to_verify_a_vote(tool):
    html = Client().get("/tools/alpha/").content.decode()
    assert 'href="/tools/alpha/verify/"' in html
    assert "Verify your vote on Alpha by e-mail" in html
