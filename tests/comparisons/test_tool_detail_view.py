from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client

from tests.conftest import DEMO_COMPARE_URL
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.factories import VoteTallyFactory
from votes.services import cast_vote
from votes.voters import VOTER_COOKIE, remember_voter

pytestmark = pytest.mark.django_db


def test_tool_page_shows_card_and_all_its_verdicts(client, demo_data):
    response = client.get("/tools/mistral-8b-instruct-v3/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Mistral 8B Instruct v3</h1>" in html
    assert "Open-source 8B model that claims to beat GPT-4o Mini. Apache 2.0." in html
    assert html.count('class="quote quote--ship"') == 4
    assert "Code Llama 4" not in html.split("Reviewer scorecard")[1].split("Compared with")[0]
    assert f'href="{DEMO_COMPARE_URL}"' in html


def test_unknown_tool_page_is_404(client, db):
    assert client.get("/tools/nope/").status_code == 404


def test_tool_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """Tool, tiers, verdicts, comparisons (count and page), suggestions: six queries."""
    tool = ToolFactory(slug="alpha")
    VerdictFactory.create_batch(12, tool=tool)
    # The view's 6, plus the page cache's stamp and lifetime reads on this first (missed) load,
    # and the "Compare with" ranking's own reads (stamp, order, tallies).
    with django_assert_max_num_queries(13):
        assert client.get("/tools/alpha/").status_code == 200


def test_compare_with_suggests_other_tools_of_the_same_category(client, db):
    from tests.tools.factories import CategoryFactory

    editors, models = CategoryFactory(name="Editors"), CategoryFactory(name="Models")
    ToolFactory(slug="zed", category=editors)
    ToolFactory(slug="vim", category=editors)
    ToolFactory(slug="llama", category=models)
    html = client.get("/tools/zed/").content.decode()
    section = html.split('id="compare-with"')[1].split('id="badge"')[0]
    assert 'href="/compare/vim-vs-zed/"' in section
    assert "llama" not in section.split('id="picker"')[0]
    assert "/compare/zed-vs-zed/" not in section


def test_tool_comparisons_are_paginated(client, db):
    from tests.comparisons.factories import ComparisonFactory

    tool = ToolFactory(slug="hub")
    for _ in range(23):
        ComparisonFactory(tools=[tool, ToolFactory()])
    html = client.get("/tools/hub/").content.decode()
    listed = html.split('id="in-comparisons-heading"')[1].split('id="compare-with"')[0]
    assert listed.count('class="comparison-teaser"') == 20
    assert '<link rel="next" href="/tools/hub/?page=2">' in html
    page_two = client.get("/tools/hub/?page=2").content.decode()
    assert page_two.split('id="in-comparisons-heading"')[1].count('class="comparison-teaser"') == 3


def test_badge_embed_code_is_shown_as_text(client, db):
    ToolFactory(slug="amp", name="R&D <Tool>")
    html = client.get("/tools/amp/").content.decode()
    code = html.split('class="embed__code"><code>')[1].split("</code>")[0]
    assert code.startswith("&lt;a href=&quot;http://testserver/tools/amp/&quot;&gt;")
    assert "R&amp;amp;D &amp;lt;Tool&amp;gt;" in code
    assert 'src="/tools/amp/badge.svg"' in html


def test_tool_page_shows_community_figure_with_its_wilson_interval(client):
    tool = ToolFactory(slug="alpha")
    VerdictFactory(tool=tool)
    VoteTallyFactory(tool=tool, ship_count=746, skip_count=458)
    html = client.get("/tools/alpha/").content.decode()
    assert '<span class="figure__value">62%</span>' in html
    assert '<span class="figure__count">ship · 1,204 votes</span>' in html
    assert "95% interval: 59–65%" in html
    assert "<dt>Panel</dt>" in html and "<dt>Community</dt>" in html
    assert '<form class="vote-form" method="post" action="/tools/alpha/vote/"' in html


def test_tool_page_says_so_when_nobody_has_voted(client):
    ToolFactory(slug="alpha", name="Alpha")
    html = client.get("/tools/alpha/").content.decode()
    assert '<span class="figure__count">No votes yet</span>' in html
    assert "95% interval" not in html


def test_voter_on_the_tool_page_stays_within_the_query_budget(django_assert_max_num_queries):
    tool = ToolFactory(slug="alpha")
    VerdictFactory.create_batch(12, tool=tool)
    cast_vote(tool=tool, voter_id="c" * 32, choice="skip")
    response = HttpResponse()
    remember_voter(response, "c" * 32)
    client = Client()
    client.cookies[VOTER_COOKIE] = response.cookies[VOTER_COOKIE].value
    # Page cache miss (stamp, view, lifetime, the ranking's stamp and lifetime) and this
    # voter's votes in one query.
    with django_assert_max_num_queries(14):
        html = client.get("/tools/alpha/").content.decode()
    assert 'value="skip" aria-pressed="true"' in html
