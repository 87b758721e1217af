"""Comparisons publish and withdraw through their service: stamps move, counts are true."""

from __future__ import annotations

import pytest
from django.test import Client

from comparisons.models import Comparison
from comparisons.services import publish_comparisons, withdraw_comparisons
from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_a_new_comparison_starts_as_a_draft():
    assert Comparison._meta.get_field("status").default == PublishStatus.DRAFT


def test_withdrawing_a_comparison_takes_its_summary_off_the_cached_page(editor_client):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    comparison = ComparisonFactory(tools=[alpha, beta], summary="Ship **Alpha**.")
    reader = Client()
    assert "Ship <strong>Alpha</strong>." in reader.get("/compare/alpha-vs-beta/").content.decode()
    response = editor_client.post(
        "/admin/comparisons/comparison/",
        {"action": "return_to_draft", "_selected_action": [comparison.pk]},
        follow=True,
    )
    assert "1 comparison returned to draft" in response.content.decode()
    assert "Ship <strong>Alpha</strong>." not in (
        reader.get("/compare/alpha-vs-beta/").content.decode()
    )


def test_counts_say_what_changed():
    ComparisonFactory(status=PublishStatus.DRAFT)
    ComparisonFactory()
    outcome = publish_comparisons(comparisons=Comparison.objects.all())
    assert (outcome.changed, outcome.unchanged) == (1, 1)
    outcome = withdraw_comparisons(comparisons=Comparison.objects.all())
    assert (outcome.changed, outcome.unchanged) == (2, 0)
