"""The compare picker: state in the query string, works without JS, lands on the canonical URL."""

from __future__ import annotations

import pytest

from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tools(db):
    return {
        slug: ToolFactory(slug=slug, name=name)
        for slug, name in [
            ("mistral", "Mistral 8B"),
            ("code-llama", "Code Llama 4"),
            ("cursor", "Cursor"),
            ("zed", "Zed"),
            ("aider", "Aider"),
        ]
    }


def test_picker_page_offers_a_search_field_and_a_compare_button(client, db):
    html = client.get("/compare/").content.decode()
    assert 'id="picker-q" class="picker__input" type="search" name="q"' in html
    assert 'name="go"' in html
    assert "Your picks: 0 of 4" in html


def test_finding_lists_matching_tools_as_add_buttons(client, tools):
    html = client.get("/compare/", {"q": "llama"}).content.decode()
    assert 'name="add_tool" value="code-llama"' in html
    assert 'name="add_tool" value="zed"' not in html


def test_names_starting_with_the_query_come_first(client, tools):
    ToolFactory(slug="my-cursor-clone", name="A clone of Cursor")
    html = client.get("/compare/", {"q": "cur"}).content.decode()
    assert html.index('value="cursor"') < html.index('value="my-cursor-clone"')


def test_adding_keeps_earlier_picks_and_excludes_them_from_suggestions(client, tools):
    html = client.get(
        "/compare/", {"tools": "mistral", "add_tool": "zed", "q": "z"}
    ).content.decode()
    assert '<input type="hidden" name="tools" value="mistral">' in html
    assert '<input type="hidden" name="tools" value="zed">' in html
    assert 'name="add_tool" value="zed"' not in html
    assert "Your picks: 2 of 4" in html


def test_removing_drops_the_pick(client, tools):
    html = client.get(
        "/compare/", {"tools": ["mistral", "zed"], "remove_tool": "zed"}
    ).content.decode()
    assert 'name="tools" value="zed"' not in html
    assert 'name="tools" value="mistral"' in html


def test_a_fifth_tool_is_refused_with_a_reason(client, tools):
    picks = ["mistral", "code-llama", "cursor", "zed"]
    response = client.get("/compare/", {"tools": picks, "add_tool": "aider"})
    html = response.content.decode()
    assert "the most a comparison shows" in html
    assert 'name="tools" value="aider"' not in html
    assert 'id="picker-q"' not in html  # no field to add a fifth


def test_compare_redirects_to_the_canonical_alphabetical_url(client, tools):
    response = client.get("/compare/", {"tools": ["zed", "mistral", "aider"], "go": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/compare/aider-vs-mistral-vs-zed/"


@pytest.mark.parametrize(
    ("picks", "message"),
    [
        ([], "you have picked no tools"),
        (["mistral"], "you have picked one tool"),
        (["mistral", "mistral"], "named twice"),
        (["mistral", "nope"], "There is no tool called “nope”"),
        (["mistral", "code-llama", "cursor", "zed", "aider"], "at most 4"),
    ],
)
def test_invalid_selections_get_a_400_page_that_says_why(client, tools, picks, message):
    response = client.get("/compare/", {"tools": picks, "go": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert "<html" in html


def test_with_htmx_compare_answers_with_an_hx_redirect(client, tools):
    response = client.get(
        "/compare/", {"tools": ["zed", "mistral"], "go": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/compare/mistral-vs-zed/"


def test_with_htmx_an_invalid_compare_swaps_in_the_reason(client, tools):
    response = client.get(
        "/compare/", {"tools": ["zed"], "go": "1"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<form class="picker"')
    assert "you have picked one tool" in html


def test_htmx_add_returns_only_the_picker_form(client, tools):
    response = client.get(
        "/compare/", {"tools": "zed", "add_tool": "mistral"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<form class="picker"')
    assert "<html" not in html
    assert "autofocus" in html
    assert "HX-Request" in response["Vary"]


def test_suggestions_endpoint_returns_the_list_partial_for_htmx(client, tools):
    response = client.get(
        "/compare/suggest/", {"q": "zed", "tools": "mistral"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="picker-suggestions"')
    assert 'name="add_tool" value="zed"' in html


def test_suggestions_endpoint_without_htmx_sends_readers_to_the_picker_page(client, tools):
    response = client.get("/compare/suggest/", {"q": "zed"})
    assert response.status_code == 302
    assert response["Location"] == "/compare/?q=zed"


def test_suggestion_text_is_escaped(client, db):
    ToolFactory(slug="evil", name="<script>alert(1)</script>Evil")
    html = client.get("/compare/", {"q": "evil"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Evil" in html
    assert "<script>alert(1)" not in html


def test_picker_rejects_post(client, db):
    assert client.post("/compare/").status_code == 405


def test_home_and_tool_pages_carry_the_picker(client, tools):
    assert 'id="picker"' in client.get("/").content.decode()
    html = client.get("/tools/zed/").content.decode()
    assert '<input type="hidden" name="tools" value="zed">' in html
