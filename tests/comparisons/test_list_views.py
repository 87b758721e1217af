"""The full lists: all tools (ranked) and all comparisons, paginated."""

from __future__ import annotations

import pytest

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteTallyFactory

pytestmark = pytest.mark.django_db


def test_tool_index_ranks_by_community_and_paginates(client, db):
    ToolFactory.create_batch(30)
    VoteTallyFactory(tool=ToolFactory(slug="favourite"), ship_count=10, skip_count=0)
    html = client.get("/tools/?sort=community").content.decode()
    assert html.index('href="/tools/favourite/"') < html.index('class="pager"')
    assert '<link rel="next" href="/tools/?sort=community&amp;page=2">' in html
    page_two = client.get("/tools/?sort=community&page=2").content.decode()
    assert page_two.count('class="ranked__item"') == 7
    assert 'rel="prev"' in page_two


def test_comparison_index_lists_published_comparisons_newest_first(client, db):
    ComparisonFactory.create_batch(22)
    ComparisonFactory(title="Hidden", status=PublishStatus.DRAFT)
    html = client.get("/comparisons/").content.decode()
    assert html.count('class="comparison-teaser"') == 20
    assert "Page 1 of 2" in html
    assert (
        client.get("/comparisons/?page=2").content.decode().count('class="comparison-teaser"') == 2
    )


def test_an_odd_page_number_gets_a_page(client, db):
    ComparisonFactory.create_batch(3)
    for page in ["0", "-1", "abc", "99999", "1e9", "%00"]:
        assert client.get(f"/comparisons/?page={page}").status_code == 200
