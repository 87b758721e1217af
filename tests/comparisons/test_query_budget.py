"""Every page runs a fixed number of queries, measured on a large catalogue.

60 tools with 3 pricing tiers each, 20 reviewers with 600 verdicts, 40 tallies, 30 comparisons.
The budgets are the counts measured on this data; a page that starts querying per row fails here.
Cached pages are measured on a miss: the view's own queries, plus the page cache's stamp read
and its look-up of the next scheduled publication. A hit costs the stamp read alone.
"""

from __future__ import annotations

import re

import pytest

from tests.comparisons.catalogue import build_catalogue

pytestmark = pytest.mark.django_db

PAGES = {
    # Lists of comparisons: +1 each for their tools (comparisons.models.with_lineup). A ranked
    # list (comparisons/rankings.py window) reads the content stamp, its order, the tallies and,
    # on a first load, its tools' panel figures, which it keeps: a vote later costs it the
    # stamp, the tallies and (ranked by the crowd) the order, never the panel counts.
    "home": ("/", 14),
    # Category pages: +2 for the stored head-to-head ranking (picks/templatetags).
    "category": ("/categories/category-0/", 12),
    "category by community": ("/categories/category-0/?sort=community", 11),
    # + the tool's moderation log entries (votes/), + the dated price history (tools/)
    "tool": ("/tools/tool-000/", 15),
    "tool index": ("/tools/?sort=community&page=2", 6),
    "comparison index": ("/comparisons/?page=2", 5),
    "reviewer list": ("/reviewers/", 4),
    "reviewer detail": ("/reviewers/reviewer-00/?page=2", 5),
    # Comparison pages: +1 for the head-to-head pair tallies (picks/figures.py); 3 and 4 tools
    # look their editorial comparison up too.
    "compare 2": ("/compare/tool-000-vs-tool-001/", 9),
    "compare 3": ("/compare/tool-000-vs-tool-001-vs-tool-002/", 8),
    "compare 4": ("/compare/tool-000-vs-tool-001-vs-tool-002-vs-tool-003/", 8),
    "picker with suggestions": ("/compare/?tools=tool-000&q=tool", 2),
    "search": ("/search/?q=ships", 8),
    "search page 3": ("/search/?q=ships+agents&page=3", 8),
    "feed": ("/feed/", 3),
    "sitemap": ("/sitemap.xml", 9),
    # JSON and the pair's share image: +1 for the head-to-head pair tallies.
    "json": ("/compare/tool-000-vs-tool-001.json", 7),
    "json 4 tools": ("/compare/tool-000-vs-tool-001-vs-tool-002-vs-tool-003.json", 6),
    "badge": ("/tools/tool-000/badge.svg", 1),
    "share image": ("/compare/tool-000-vs-tool-001/share.png", 2),
    "tool share image": ("/tools/tool-000/share.png", 1),
    "robots": ("/robots.txt", 0),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_keeps_its_query_budget_on_a_large_catalogue(
    client, name, django_assert_max_num_queries
):
    catalogue = build_catalogue()
    assert catalogue.verdict_count == 600
    url, budget = PAGES[name]
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    print(f"QUERIES {name}: {len(captured.captured_queries)}")


def test_search_costs_six_queries_at_most_however_many_rows_match(
    client, django_assert_max_num_queries
):
    """A count, a page of ranked rows, then one query per kind of result on that page (two for
    comparisons: their tools), and the page cache's two reads on a miss."""
    build_catalogue(tools=4, reviewers=2, reviewed_tools=2)
    with django_assert_max_num_queries(8) as small:
        html = client.get("/search/?q=ship").content.decode()
    assert all(f"hit hit--{kind}" in html for kind in ("tool", "comparison", "verdict"))
    assert len(small.captured_queries) == 8
    build_catalogue_more()
    with django_assert_max_num_queries(8):
        assert client.get("/search/?q=ship&page=4").status_code == 200


def build_catalogue_more():
    """Many more matching rows of every kind, under other slugs."""
    from tests.comparisons.factories import ComparisonFactory
    from tests.tools.factories import ToolFactory
    from tests.verdicts.factories import VerdictFactory

    ToolFactory.create_batch(40, tagline="It ships")
    ComparisonFactory.create_batch(20, summary="Both ship.")
    VerdictFactory.create_batch(40, body="It ships.")


CACHED_PAGES = [
    name for name, (url, _) in PAGES.items() if name in {
        "home", "category", "tool", "tool index", "comparison index", "reviewer list",
        "reviewer detail", "compare 2", "compare 4", "search",
    }
]  # fmt: skip


@pytest.mark.parametrize("name", CACHED_PAGES)
def test_a_cached_page_costs_one_query_on_a_hit(client, name, django_assert_num_queries):
    build_catalogue()
    url, _ = PAGES[name]
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert without_csrf_tokens(again) == without_csrf_tokens(first)


def without_csrf_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
