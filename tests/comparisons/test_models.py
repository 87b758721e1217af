from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_one_comparison_per_unordered_pair():
    first, second = ToolFactory(), ToolFactory()
    ComparisonFactory(tool_a=first, tool_b=second)
    with pytest.raises(IntegrityError), transaction.atomic():
        ComparisonFactory(tool_a=second, tool_b=first)


def test_a_tool_cannot_be_compared_with_itself():
    tool = ToolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ComparisonFactory(tool_a=tool, tool_b=tool)


def test_summary_is_rendered_and_sanitised_on_save():
    comparison = ComparisonFactory(summary="**Ship A.** <script>alert(1)</script>")
    assert "<strong>Ship A.</strong>" in comparison.summary_html
    assert "<script" not in comparison.summary_html


def test_url_lists_slugs_alphabetically():
    comparison = ComparisonFactory(
        tool_a=ToolFactory(slug="zeta"), tool_b=ToolFactory(slug="alpha")
    )
    assert comparison.get_absolute_url() == "/compare/alpha-vs-zeta/"
