from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from comparisons.models import Comparison, ComparisonTool, lineup_key
from comparisons.services import set_lineup
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_one_comparison_per_set_of_tools_in_any_order():
    first, second, third = ToolFactory(), ToolFactory(), ToolFactory()
    ComparisonFactory(tools=[first, second, third])
    with pytest.raises(ValidationError, match="already have a comparison"):
        ComparisonFactory(tools=[third, first, second])
    ComparisonFactory(tools=[first, second])  # a different set


def test_the_database_holds_one_comparison_per_set_of_tools():
    first, second = ToolFactory(), ToolFactory()
    key = ComparisonFactory(tools=[first, second]).lineup_key
    with pytest.raises(IntegrityError), transaction.atomic():
        Comparison.objects.create(title="Again", summary="x", lineup_key=key)


def test_a_tool_cannot_be_compared_with_itself():
    tool = ToolFactory()
    with pytest.raises(ValidationError, match="listed twice"):
        ComparisonFactory(tools=[tool, tool])
    comparison = ComparisonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ComparisonTool.objects.create(
            comparison=comparison, tool=comparison.lineup_tools[0], position=3
        )


@pytest.mark.parametrize("count", [1, 5])
def test_a_comparison_has_two_to_four_tools(count):
    with pytest.raises(ValidationError, match="2 to 4 tools"):
        ComparisonFactory(tools=ToolFactory.create_batch(count))


def test_positions_run_from_one_to_four_in_the_database():
    comparison = ComparisonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ComparisonTool.objects.create(comparison=comparison, tool=ToolFactory(), position=5)


def test_the_lineup_keeps_the_editors_order_and_ship_if_lines():
    first, second, third = (ToolFactory(name=n) for n in ["Zed", "Vim", "Helix"])
    comparison = ComparisonFactory(
        tools=[first, second, third], ship_if=["Ship Zed if…", "", "Helix"]
    )
    assert comparison.names == "Zed vs Vim vs Helix"
    assert [comparison.ship_if(t) for t in (first, second, third)] == ["Ship Zed if…", "", "Helix"]
    set_lineup(comparison, [(third, "Helix first"), (first, "")])
    fresh = Comparison.objects.with_lineup().get()
    assert fresh.names == "Helix vs Zed" and fresh.ship_if(third) == "Helix first"
    assert fresh.lineup_key == lineup_key([first.pk, third.pk])


def test_summary_is_rendered_and_sanitised_on_save():
    comparison = ComparisonFactory(summary="**Ship A.** <script>alert(1)</script>")
    assert "<strong>Ship A.</strong>" in comparison.summary_html
    assert "<script" not in comparison.summary_html


def test_url_lists_slugs_alphabetically():
    comparison = ComparisonFactory(tools=[ToolFactory(slug="zeta"), ToolFactory(slug="alpha")])
    assert comparison.get_absolute_url() == "/compare/alpha-vs-zeta/"
