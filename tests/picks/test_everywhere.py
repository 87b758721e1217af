"""The pick result where it belongs beyond the pick panel: the comparison JSON, the share
image, the JSON-LD, the 3- and 4-tool matrix, and the newsletter's flipped pairs."""

from __future__ import annotations

import json
import re

import pytest

from newsletter import services
from picks.rankings import fit_category
from tests.picks.factories import set_tally
from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_the_json_export_carries_each_pair_with_counts_shares_and_intervals(client, pair):
    alpha, beta = pair
    set_tally(alpha, beta, 62, 30, neither=8)
    data = client.get("/compare/alpha-vs-beta.json").json()["head_to_head"]
    assert "not a measure of quality" in data["note"]
    (only,) = data["pairs"]
    assert only["tools"] == ["alpha", "beta"] and only["total"] == 100
    assert only["picks"]["alpha"] == {"count": 62, "percent": 62, "interval_95": [0.5221, 0.709]}
    assert only["picks"]["neither"]["count"] == 8
    assert only["summary"] == "Alpha beats Beta in 67% of 92 picks"


def test_the_json_export_gives_no_share_below_the_minimum(client, pair):
    set_tally(*pair, 2, 1)
    (only,) = client.get("/compare/alpha-vs-beta.json").json()["head_to_head"]["pairs"]
    assert only["picks"]["alpha"] == {"count": 2, "percent": None, "interval_95": None}


def test_the_share_image_changes_with_the_head_to_head_result(client, pair):
    def image_url() -> str:
        html = client.get("/compare/alpha-vs-beta/").content.decode()
        return re.search(r'property="og:image" content="([^"]+)"', html).group(1)

    before = image_url()
    set_tally(*pair, 62, 30)
    from tools.stamps import mark_changed

    mark_changed([tool.pk for tool in pair])
    after = image_url()
    assert before != after
    png = client.get(after.removeprefix("http://testserver"))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"


def test_json_ld_counts_the_picks_as_vote_actions(client, pair):
    set_tally(*pair, 5, 3, neither=2)
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    page = data["@graph"][0]
    assert page["interactionStatistic"]["userInteractionCount"] == 10
    assert page["interactionStatistic"]["interactionType"] == "https://schema.org/VoteAction"


def test_a_three_tool_page_shows_each_pair_in_a_matrix_linking_to_its_page(client, pair):
    alpha, beta = pair
    gamma = ToolFactory(slug="gamma", name="Gamma")
    set_tally(alpha, gamma, 40, 10)
    html = client.get("/compare/alpha-vs-beta-vs-gamma/").content.decode()
    assert 'class="compare-table pick-matrix"' in html
    assert '<a href="/compare/alpha-vs-gamma/#head-to-head">80% of 50</a>' in html
    assert '<a href="/compare/alpha-vs-gamma/#head-to-head">20% of 50</a>' in html
    assert 'name="choice"' not in re.search(r'id="head-to-head".*?</section>', html, re.S).group(0)


def test_the_digest_mentions_a_pair_whose_leader_flipped_since_the_last_issue(pair):
    alpha, beta = pair
    set_tally(alpha, beta, 30, 10)
    fit_category(alpha.category)
    assert services.next_digest() is None  # a first leader is not news
    set_tally(alpha, beta, 30, 45)
    fit_category(alpha.category)
    digest = services.next_digest()
    (section,) = digest.sections
    (entry,) = section.entries
    assert section.heading == "Head-to-head flips"
    assert entry.title == "Beta overtakes Alpha"
    assert "Beta beats Alpha in 60% of 75 picks: Alpha led at the last issue." in entry.summary_text
    assert entry.url.endswith("/compare/alpha-vs-beta/#head-to-head")
    services.create_issue(digest=digest)
    assert services.next_digest() is None  # said once


def test_a_pair_that_flipped_and_flipped_back_between_issues_is_not_news(pair):
    alpha, beta = pair
    for a_count, b_count in [(30, 10), (30, 45), (50, 45)]:
        set_tally(alpha, beta, a_count, b_count)
        fit_category(alpha.category)
    assert services.next_digest() is None
