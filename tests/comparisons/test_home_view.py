from __future__ import annotations

import pytest

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.conftest import DEMO_COMPARE_URL
from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_comparisons_with_links(client, demo_data):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{DEMO_COMPARE_URL}"' in html
    assert "Code Llama 4 (70B &amp; 400B)" in html


def test_home_hides_draft_and_scheduled_comparisons(client):
    from datetime import timedelta

    from django.utils import timezone

    ComparisonFactory(title="Drafted", status=PublishStatus.DRAFT)
    scheduled = ComparisonFactory(published_at=timezone.now() + timedelta(days=1))
    html = client.get("/").content.decode()
    assert scheduled.lineup_tools[0].name not in html.split('id="tools"')[0]
    assert "No comparisons are published yet." in html


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """Featured and latest (each with its tools), categories, and the two rankings: seven
    queries (large data in test_query_budget)."""
    ComparisonFactory.create_batch(10)
    # The view's 7, plus the page cache's stamp and lifetime reads on this first (missed) load,
    # and the panel ranking's own stamp and lifetime reads (comparisons/rankings.py window).
    with django_assert_max_num_queries(11):
        assert client.get("/").status_code == 200


def test_home_shows_featured_comparisons_apart(client):
    ComparisonFactory(is_featured=True, tools=[ToolFactory(name="Starred A"), ToolFactory()])
    ComparisonFactory(
        is_featured=True,
        tools=[ToolFactory(name="Starred draft"), ToolFactory()],
        status=PublishStatus.DRAFT,
    )
    ComparisonFactory(tools=[ToolFactory(name="Plain A"), ToolFactory()])
    html = client.get("/").content.decode()
    featured = html.split('id="featured"')[1].split('id="comparisons"')[0]
    assert "Starred A" in featured
    assert "Plain A" not in featured and "Starred draft" not in featured


def test_home_ranks_tools_by_panel_and_by_community(client):
    from tests.tools.factories import ToolFactory
    from tests.verdicts.factories import VerdictFactory
    from tests.votes.factories import VoteTallyFactory
    from verdicts.models import Decision

    loved, liked = ToolFactory(name="Loved"), ToolFactory(name="Liked")
    ToolFactory(name="Ignored")
    VerdictFactory(tool=loved, decision=Decision.SHIP)
    VerdictFactory(tool=liked, decision=Decision.SKIP)
    VoteTallyFactory(tool=liked, ship_count=9, skip_count=1)
    VoteTallyFactory(tool=loved, ship_count=1, skip_count=9)
    html = client.get("/").content.decode()
    by_panel = html.split('id="by-panel-heading"')[1].split('id="by-community-heading"')[0]
    by_crowd = html.split('id="by-community-heading"')[1].split('id="categories"')[0]
    assert by_panel.index("Loved") < by_panel.index("Liked")
    assert by_crowd.index("Liked") < by_crowd.index("Loved")
    assert "Ignored" not in by_panel and "Ignored" not in by_crowd
    assert "90%" in by_crowd and "10 votes" in by_crowd


def test_home_rejects_post_with_405(client):
    assert client.post("/").status_code == 405
