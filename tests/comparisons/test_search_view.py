"""Search: ranked, highlighted safely, paginated, and never an error whatever is typed.

These tests run on whichever database DATABASE_URL names; CI runs them on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from comparisons.search import MAX_QUERY_LENGTH, clean_query
from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory

pytestmark = pytest.mark.django_db

NASTY_QUERIES = [
    '"',
    "'",
    '"unterminated phrase',
    "it's",
    "a & b | c",
    "!(x) & !y",
    "foo:* <-> bar",
    "ship <-> skip",
    "((((",
    "))",
    "-",
    "--",
    "- - -",
    "or",
    "OR OR AND NOT",
    "' OR 1=1 --",
    "%",
    "%%_",
    "_",
    "\\",
    "\\\\%",
    "*",
    "<script>alert(1)</script>",
    "</mark><mark>",
    "\x00",
    "abc\x00def",
    "\x01\x02\x1f\x7f",
    "\ue000mark\ue001",
    "\u202eevil",
    "🚀",
    "🚀 ship",
    "中文 工具",
    "x" * 5000,
    "ship " * 1000,
    "the",
    "a",
    "   ",
    "\t\n",
    "ＳＨＩＰ",
]


@pytest.fixture
def catalogue(db):
    tool = ToolFactory(
        name="Mistral Shipper",
        slug="mistral-shipper",
        tagline="Ships agents fast",
        description="Open weights; <script>alert(1)</script> it **ships**.",
    )
    other = ToolFactory(name="Code Llama", slug="code-llama", tagline="Writes code")
    ComparisonFactory(tools=[tool, other], summary="Ship **Mistral** for agents.")
    VerdictFactory(tool=other, body="The agent mode ships working code.")
    return tool


@pytest.mark.parametrize("query", NASTY_QUERIES, ids=range(len(NASTY_QUERIES)))
def test_any_query_gets_a_page_never_an_error(client, catalogue, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert html.count("<mark>") == html.count("</mark>")


@pytest.mark.parametrize(
    "raw", ["q=%ff%fe%00", "q=%ED%A0%80", "q=%", "q=%%%", "q&q=x", "page=abc&q=a"]
)
def test_malformed_query_strings_get_a_page(client, catalogue, raw):
    assert client.get(f"/search/?{raw}").status_code == 200


def test_nasty_queries_also_work_as_htmx_partials(client, catalogue):
    for query in NASTY_QUERIES[::5]:
        response = client.get("/search/", {"q": query}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "<html" not in response.content.decode()


def test_clean_query_drops_control_characters_and_caps_the_length():
    assert clean_query("a\x00b\tc\ue000d") == "a b c d"
    assert len(clean_query("y" * 5000)) == MAX_QUERY_LENGTH


def test_a_long_query_is_searched_by_its_first_characters_and_says_so(client, catalogue):
    html = client.get("/search/", {"q": "mistral " + "x" * 5000}).content.decode()
    assert "Only the first 200 characters of your search were used." in html


def test_tool_comparison_and_verdict_text_are_all_searched(client, catalogue):
    html = client.get("/search/", {"q": "agent"}).content.decode()
    assert 'href="/tools/mistral-shipper/"' in html
    assert 'href="/compare/code-llama-vs-mistral-shipper/"' in html
    assert "/tools/code-llama/#reviewer-" in html


def test_a_name_match_ranks_above_a_mention_in_a_verdict(client, catalogue):
    VerdictFactory(body="Mistral is mentioned here in passing.")
    html = client.get("/search/", {"q": "mistral"}).content.decode()
    assert html.index('href="/tools/mistral-shipper/"') < html.index("mentioned here")


def test_partial_names_find_tools(client, catalogue):
    assert 'href="/tools/mistral-shipper/"' in client.get("/search/?q=mistr").content.decode()


def test_matches_are_marked_and_editor_text_is_escaped(client, catalogue):
    catalogue.tagline = '<img src=x onerror="alert(1)"> ships agents'
    catalogue.save()
    html = client.get("/search/", {"q": "agents"}).content.decode()
    assert "<mark>agents</mark>" in html.lower() or "<mark>Agents</mark>" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<img src=x" not in html


def test_the_query_is_escaped_where_it_is_repeated(client, catalogue):
    html = client.get("/search/", {"q": "<b>bold</b>"}).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_drafts_and_scheduled_rows_are_not_found(client, db):
    ComparisonFactory(status=PublishStatus.DRAFT, summary="Zanzibar draft summary")
    VerdictFactory(
        published_at=timezone.now() + timedelta(days=1), body="Zanzibar scheduled verdict"
    )
    html = client.get("/search/", {"q": "zanzibar"}).content.decode()
    assert "0 results" in html
    assert "Zanzibar draft" not in html and "scheduled verdict" not in html


def test_results_are_paginated_with_rel_links(client, db):
    ToolFactory.create_batch(25, tagline="Quokka helper")
    page_one = client.get("/search/", {"q": "quokka"}).content.decode()
    assert "25 results" in page_one
    assert page_one.count('class="hit hit--tool"') == 20
    assert '<link rel="next" href="/search/?q=quokka&amp;page=2">' in page_one
    page_two = client.get("/search/", {"q": "quokka", "page": 2}).content.decode()
    assert page_two.count('class="hit hit--tool"') == 5
    assert 'rel="prev"' in page_two


def test_htmx_search_gets_the_results_partial_and_varies_on_it(client, catalogue):
    response = client.get("/search/", {"q": "agents"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="search-results"')
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, catalogue):
    response = client.get(
        "/search/",
        {"q": "agents"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_empty_search_page_invites_a_query_and_is_not_indexed(client, db):
    html = client.get("/search/").content.decode()
    assert "Type a tool's name" in html
    assert '<meta name="robots" content="noindex, follow">' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgres_search_matches_word_forms(client, catalogue):
    html = client.get("/search/", {"q": "shipping"}).content.decode()
    assert 'href="/tools/mistral-shipper/"' in html
    assert "<mark>" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="websearch syntax is PostgreSQL's")
def test_postgres_search_honours_quoted_phrases_and_exclusions(client, catalogue):
    html = client.get("/search/", {"q": '"working code" -mistral'}).content.decode()
    assert "/tools/code-llama/#reviewer-" in html
    assert 'href="/tools/mistral-shipper/"' not in html
