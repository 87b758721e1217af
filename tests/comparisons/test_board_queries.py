"""The board's reads: querysets with select_related and Prefetch, in a fixed few queries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from comparisons.board import build_board, comparison_of, tools_for_board
from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from tests.votes.factories import VoteTallyFactory
from verdicts.models import Decision, Verdict, VerdictChange
from votes.models import VoteTally

pytestmark = pytest.mark.django_db


def test_tools_come_in_the_asked_order_with_category_tally_and_tiers(django_assert_num_queries):
    with_tally, without_tally = ToolFactory(), ToolFactory()
    VoteTallyFactory(tool=with_tally, ship_count=7, skip_count=2)
    PricingTierFactory(tool=with_tally, name="Team", position=2, price=Decimal("19.50"))
    PricingTierFactory(tool=with_tally, name="Free", position=1, price=None)

    with django_assert_num_queries(2):
        tools = tools_for_board([without_tally.slug, "no-such-tool", with_tally.slug])
    with django_assert_num_queries(0):
        assert [tool.pk for tool in tools] == [without_tally.pk, with_tally.pk]
        assert tools[1].category.name
        assert tools[1].tally.ship_count == 7
        with pytest.raises(VoteTally.DoesNotExist):
            tools[0].tally  # noqa: B018 - no tally row: no votes yet
        assert [tier.name for tier in tools[1].pricing_tiers.all()] == ["Free", "Team"]


def test_no_slugs_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert tools_for_board([]) == []


def test_board_shows_public_verdicts_in_panel_order_with_public_history():
    tools = [ToolFactory(), ToolFactory()]
    late, early = ReviewerFactory(display_order=2), ReviewerFactory(display_order=1)
    for reviewer in (late, early):
        for tool in tools:
            VerdictFactory(tool=tool, reviewer=reviewer)
    VerdictFactory(tool=tools[0], status=PublishStatus.DRAFT)
    VerdictFactory(tool=tools[1], published_at=timezone.now() + timedelta(days=1))
    changed = Verdict.objects.get(tool=tools[0], reviewer=early)
    now = timezone.now()
    for minutes, was_public in ((3, True), (1, False), (2, True)):
        VerdictChange.objects.create(
            verdict=changed,
            from_decision=Decision.SHIP,
            to_decision=Decision.SKIP,
            changed_at=now - timedelta(minutes=minutes),
            was_public=was_public,
        )
    loaded = tools_for_board([tool.slug for tool in tools])

    board = build_board(loaded)
    assert [row.reviewer for row in board.rows] == [early, late]
    assert sum(column.panel.total for column in board.columns) == 4
    assert [change.was_public for _, change in board.history] == [True, True]
    assert all(v.tool is loaded[i] for row in board.rows for i, v in enumerate(row.verdicts))
    preview = build_board(loaded, include_drafts=True)
    assert sum(column.panel.total for column in preview.columns) == 6
    assert len(preview.history) == 3


def test_a_board_costs_the_same_queries_however_many_verdicts(django_assert_num_queries):
    tools = [ToolFactory(), ToolFactory()]
    for _ in range(12):
        reviewer = ReviewerFactory()
        for tool in tools:
            verdict = VerdictFactory(tool=tool, reviewer=reviewer)
            for minutes in (1, 2):
                VerdictChange.objects.create(
                    verdict=verdict,
                    from_decision=Decision.SHIP,
                    to_decision=Decision.SKIP,
                    changed_at=timezone.now() - timedelta(minutes=minutes),
                    was_public=True,
                )
    loaded = tools_for_board([tool.slug for tool in tools])
    with django_assert_num_queries(2):  # the verdicts with reviewers; their decision changes
        board = build_board(loaded)
        assert {row.reviewer.name for row in board.rows}
        assert len(board.history) == 48
    assert len(board.rows) == 12


def test_comparison_is_found_in_any_order_with_its_lineup_and_only_when_public(
    django_assert_num_queries,
):
    first, second, third = ToolFactory(), ToolFactory(), ToolFactory()
    comparison = ComparisonFactory(tools=[second, first], ship_if=["Second if…", "First if…"])
    ComparisonFactory(tools=[first, third], status=PublishStatus.DRAFT)
    ComparisonFactory(tools=[first, second, third])

    with django_assert_num_queries(2):  # the comparison, then its lineup
        found = comparison_of([first, second])
        assert [entry.tool for entry in found.lineup] == [second, first]
    assert found.lineup[0].tool is second and found.ship_if(first) == "First if…"
    assert comparison_of([second, first]).pk == comparison.pk
    assert comparison_of([first, third]) is None
    assert comparison_of([first, third], include_drafts=True).lineup[1].tool is third
    assert len(comparison_of([third, second, first]).lineup) == 3
