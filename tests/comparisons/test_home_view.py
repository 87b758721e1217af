from __future__ import annotations

import pytest

from compare_site.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.conftest import DEMO_COMPARE_URL

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
    assert scheduled.tool_a.name not in html.split('id="tools"')[0]
    assert "No comparisons are published yet." in html


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    ComparisonFactory.create_batch(10)
    with django_assert_max_num_queries(3):
        assert client.get("/").status_code == 200


def test_home_rejects_post_with_405(client):
    assert client.post("/").status_code == 405
