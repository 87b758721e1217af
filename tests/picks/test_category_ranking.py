"""The category page shows the stored head-to-head ranking, and says who is not ranked yet."""

from __future__ import annotations

import pytest

from picks.rankings import fit_category
from tests.picks.factories import set_tally
from tests.tools.factories import CategoryFactory, ToolFactory

pytestmark = pytest.mark.django_db


def test_the_category_page_shows_rank_ranges_and_the_tools_not_yet_ranked(client, settings):
    settings.PICKS_RANKING_MIN_PICKS = 10
    category = CategoryFactory(name="Coding Models")
    ace, bolt, crux, dash = (
        ToolFactory(category=category, name=name) for name in ("Ace", "Bolt", "Crux", "Dash")
    )
    set_tally(ace, bolt, 800, 400)
    set_tally(bolt, crux, 600, 300)
    set_tally(ace, crux, 800, 200, neither=40)
    set_tally(ace, dash, 2, 1)
    fit_category(category)
    html = client.get("/categories/coding-models/").content.decode()
    assert "Head-to-head ranking" in html and "not a measure of quality" in html
    assert '<td class="pick-ranking__rank">1st</td>' in html
    assert '<td class="pick-ranking__rank">3rd</td>' in html
    assert "Not enough picks yet to rank: Dash." in html
    assert "(40 “neither” picks left out)" in html


def test_before_any_fit_the_category_says_not_enough_picks_yet(client):
    category = CategoryFactory(name="Coding Models")
    ToolFactory(category=category)
    html = client.get("/categories/coding-models/").content.decode()
    assert "Not enough picks yet to rank any Coding Models tool." in html


def test_pages_read_the_stored_fit_and_never_fit(client, settings, monkeypatch):
    category = CategoryFactory(name="Coding Models")
    ToolFactory(category=category)
    monkeypatch.setattr("picks.rankings.fit_with_rank_ranges", pytest.fail)
    assert client.get("/categories/coding-models/").status_code == 200
