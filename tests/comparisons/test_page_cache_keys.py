"""What a vote moves, what a query string may change, and HEAD: the page cache's keys."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

from core import stamps
from core.models import Stamp
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.conftest import Visitor
from tools.stamps import read_stamps
from verdicts.models import Decision

pytestmark = pytest.mark.django_db

COMPARE = "/compare/alpha-vs-beta/"
LIST_PAGES = ["/", "/tools/", "/tools/?sort=community", "/comparisons/", "/reviewers/"]


@pytest.fixture
def pair():
    alpha = ToolFactory(slug="alpha", name="Alpha")
    beta = ToolFactory(slug="beta", name="Beta", category=alpha.category)
    VerdictFactory(tool=alpha, decision=Decision.SHIP, body="Alpha earns the ship.")
    ComparisonFactory(tools=[alpha, beta])
    return alpha, beta


def community_count(html: str, slug: str) -> str:
    """The vote count a ranked list shows for `slug` ("No votes yet", "1 vote"...)."""
    row = re.search(rf'href="/tools/{slug}/".*?ranked__figure--community.*?</li>', html, re.S)
    community = row.group(0).split("ranked__figure--community", 1)[1]
    return re.search(r'class="ranked__count">([^<·]+)', community).group(1).strip()


def test_a_vote_leaves_list_pages_cached_yet_shows_its_figure_on_the_next_load(pair):
    reader, voter = Client(), Visitor()
    for url in LIST_PAGES:
        reader.get(url)
    voter.open(COMPARE)
    assert voter.vote("alpha", choice="ship").status_code == 303

    for url in LIST_PAGES:
        response = reader.get(url)
        assert response["X-Page-Cache"] == "hit", url  # the page's own HTML did not change
    html = reader.get("/tools/?sort=community").content.decode()
    assert community_count(html, "alpha").startswith("1 vote")
    assert community_count(reader.get("/").content.decode(), "alpha").startswith("1 vote")


def test_a_vote_moves_its_tools_votes_stamp_and_the_votes_stamp_only(pair):
    alpha, beta = pair
    before = read_stamps(["alpha", "beta"])
    voter = Visitor()
    voter.open(COMPARE)
    voter.vote("alpha", choice="ship")
    after = read_stamps(["alpha", "beta"])
    assert after.votes != before.votes
    assert after.tool_votes["alpha"] != before.tool_votes["alpha"]
    # No page is keyed by these: the pages stay cached, their figures are fragments.
    assert (after.content, after.picks, after.tools) == (before.content, before.picks, before.tools)
    assert after.tool_votes["beta"] == before.tool_votes["beta"]


def test_an_editors_change_moves_the_content_stamp_and_its_tools(pair):
    alpha, beta = pair
    before = read_stamps(["alpha", "beta"])
    beta.tagline = "Now with more context"
    beta.save()
    after = read_stamps(["alpha", "beta"])
    assert after.content != before.content
    assert after.tools["beta"] != before.tools["beta"]
    assert after.tools["alpha"] == before.tools["alpha"]
    assert Client().get("/tools/")["X-Page-Cache"] == "miss"


def test_stamps_are_random_tokens_not_counters():
    tokens = set()
    for _ in range(20):
        stamps.move([stamps.CONTENT])
        tokens.add(Stamp.objects.get(name=stamps.CONTENT).token)
    assert len(tokens) == 20
    differences = {b - a for a, b in zip(sorted(tokens), sorted(tokens)[1:], strict=False)}
    assert differences != {1}


def test_query_parameters_a_page_does_not_read_share_its_one_cached_copy(pair, client):
    assert client.get(COMPARE)["X-Page-Cache"] == "miss"
    for number in range(30):
        response = client.get(f"{COMPARE}?x={number}&utm_source=feed")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit"  # no new entry, and not past the cache
        assert f"x={number}" not in response.content.decode()


def test_parameters_a_page_reads_are_keyed_in_one_spelling(pair, client):
    assert client.get("/tools/")["X-Page-Cache"] == "miss"
    for spelling in ["?sort=panel", "?page=1", "?page=01", "?sort=nonsense", "?page=x&y=1"]:
        assert client.get(f"/tools/{spelling}")["X-Page-Cache"] == "hit", spelling
    assert client.get("/tools/?sort=community")["X-Page-Cache"] == "miss"
    assert client.get("/tools/?sort=community&x=1")["X-Page-Cache"] == "hit"
    assert client.get("/search/?q=alpha")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=alpha&ref=nav")["X-Page-Cache"] == "hit"


def test_a_page_rendered_for_odd_parameters_links_to_none_of_them(pair, client):
    html = client.get("/tools/?sort=community&junk=%3Cb%3E").content.decode()
    assert "junk" not in html
    assert "sort=community" in html


@pytest.mark.parametrize("url", [COMPARE, "/", "/tools/alpha/", "/tools/", "/reviewers/"])
def test_head_answers_as_get_does_whether_the_page_is_cached_or_not(pair, url):
    cold = Client().head(url)  # a miss: the view itself answers
    warm = Client().head(url)  # a hit
    with override_settings(PAGE_CACHE=False):
        uncached = Client().head(url)
    get = Client().get(url)
    assert cold.status_code == warm.status_code == uncached.status_code == get.status_code == 200
    assert cold["X-Page-Cache"] == "miss" and warm["X-Page-Cache"] == "hit"
    for response in (cold, warm, uncached):
        assert response["Content-Type"] == get["Content-Type"]
        assert response.content == b""
