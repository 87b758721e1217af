from __future__ import annotations

import pytest

from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import CategoryFactory, ToolFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.factories import VoteTallyFactory
from verdicts.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(db):
    editors = CategoryFactory(name="Editors")
    other = CategoryFactory(name="Models")
    zed = ToolFactory(slug="zed", name="Zed", category=editors)
    vim = ToolFactory(slug="vim", name="Vim", category=editors)
    ToolFactory(slug="llama", name="Llama", category=other)
    VerdictFactory(tool=vim, decision=Decision.SHIP)
    VerdictFactory(tool=zed, decision=Decision.SKIP)
    VoteTallyFactory(tool=zed, ship_count=9, skip_count=1)
    ComparisonFactory(tools=[zed, vim], title="Zed vs Vim")
    return editors


def test_category_page_lists_its_tools_with_both_figures(client, editors):
    html = client.get("/categories/editors/").content.decode()
    assert "<h1>Editors</h1>" in html
    assert "2 tools" in html
    assert 'href="/tools/zed/"' in html and 'href="/tools/vim/"' in html
    assert 'href="/tools/llama/"' not in html
    assert "1 of 1 reviewer" in html
    assert "10 votes" in html


def test_category_ranks_by_panel_by_default_and_by_community_on_request(client, editors):
    by_panel = client.get("/categories/editors/").content.decode()
    assert by_panel.index('href="/tools/vim/"') < by_panel.index('href="/tools/zed/"')
    by_crowd = client.get("/categories/editors/?sort=community").content.decode()
    assert by_crowd.index('href="/tools/zed/"') < by_crowd.index('href="/tools/vim/"')


def test_an_unknown_sort_falls_back_to_the_default(client, editors):
    assert client.get("/categories/editors/?sort=%27%3B--").status_code == 200


def test_category_page_shows_its_comparisons(client, editors):
    assert 'href="/compare/vim-vs-zed/"' in client.get("/categories/editors/").content.decode()


def test_category_tools_are_paginated(client, editors):
    ToolFactory.create_batch(30, category=editors)
    html = client.get("/categories/editors/").content.decode()
    assert html.count('class="ranked__item"') == 24
    assert '<link rel="next" href="/categories/editors/?page=2">' in html
    assert (
        client.get("/categories/editors/?page=2").content.decode().count('class="ranked__item"')
        == 8
    )


def test_unknown_category_is_404(client, db):
    assert client.get("/categories/nope/").status_code == 404


def test_home_lists_categories_with_counts(client, editors):
    html = client.get("/").content.decode()
    assert 'href="/categories/editors/"' in html
    assert "2 tools" in html
