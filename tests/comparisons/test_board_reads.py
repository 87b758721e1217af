"""The board's hand-written reads return what the ORM returns, field for field and cache for cache.

Each test builds data, reads it both ways (ORM querysets as the reference) and compares every
concrete field's value and type, the related objects a template reaches, and the query count.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from comparisons.board_reads import comparison_of, tools_with_cards, verdicts_on
from comparisons.models import Comparison
from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from tests.votes.factories import VoteTallyFactory
from tools.models import Tool
from verdicts.models import Decision, Verdict, VerdictChange
from votes.models import VoteTally

pytestmark = pytest.mark.django_db


def field_values(instance) -> dict:
    return {
        field.attname: (getattr(instance, field.attname), type(getattr(instance, field.attname)))
        for field in type(instance)._meta.concrete_fields
    }


def assert_same_rows(ours, reference) -> None:
    assert [field_values(row) for row in ours] == [field_values(row) for row in reference]


def test_tools_come_with_category_tally_and_tiers_like_the_orm(django_assert_num_queries):
    with_tally, without_tally = ToolFactory(), ToolFactory(license_is_open_source=False)
    VoteTallyFactory(tool=with_tally, ship_count=7, skip_count=2)
    PricingTierFactory(tool=with_tally, name="Team", position=2, price=Decimal("19.50"))
    PricingTierFactory(tool=with_tally, name="Free", position=1, price=None)
    slugs = [without_tally.slug, with_tally.slug, "no-such-tool"]

    with django_assert_num_queries(1):
        ours = sorted(tools_with_cards(slugs), key=lambda tool: tool.id)
    reference = sorted(
        Tool.objects.for_cards().select_related("tally").by_slugs(slugs), key=lambda t: t.id
    )
    assert_same_rows(ours, reference)
    with django_assert_num_queries(0):
        assert [tool.category.name for tool in ours] == [t.category.name for t in reference]
        assert ours[0].tally.ship_count == 7
        with pytest.raises(VoteTally.DoesNotExist):
            ours[1].tally  # noqa: B018 - no tally row: the same error as select_related gives
        tiers = list(ours[0].pricing_tiers.all())
        assert [tier.name for tier in tiers] == ["Free", "Team"]
        assert tiers[1].price == Decimal("19.50") and isinstance(tiers[1].price, Decimal)
        assert tiers[0].tool is ours[0]
    assert_same_rows(tiers, list(reference[0].pricing_tiers.all()))


def test_no_slugs_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert tools_with_cards([]) == []
        assert verdicts_on([]) == []


def test_verdicts_come_in_panel_order_with_reviewer_and_public_history():
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

    for include_drafts in (False, True):
        ours = verdicts_on(tools, include_drafts=include_drafts)
        reference = list(Verdict.objects.for_tools(tools, include_drafts=include_drafts))
        assert_same_rows(ours, reference)
        assert_same_rows([v.reviewer for v in ours], [v.reviewer for v in reference])
        for mine, theirs in zip(ours, reference, strict=True):
            assert_same_rows(mine.history, theirs.history)
            assert mine.tool is next(tool for tool in tools if tool.id == theirs.tool_id)
    assert len(verdicts_on(tools)) == 4
    assert len(verdicts_on(tools, include_drafts=True)) == 6
    public_history = next(v for v in verdicts_on(tools) if v.id == changed.id).history
    assert [change.was_public for change in public_history] == [True, True]


def test_verdicts_with_their_history_cost_one_query_however_many(django_assert_num_queries):
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
    with django_assert_num_queries(1):
        verdicts = verdicts_on(tools)
        assert {verdict.reviewer.name for verdict in verdicts}
        assert {len(verdict.history) for verdict in verdicts} == {2}
    assert len(verdicts) == 24


def test_comparison_is_found_in_any_order_with_its_lineup_and_only_when_public(
    django_assert_num_queries,
):
    first, second, third = ToolFactory(), ToolFactory(), ToolFactory()
    comparison = ComparisonFactory(tools=[second, first], ship_if=["Second if…", "First if…"])
    ComparisonFactory(tools=[first, third], status=PublishStatus.DRAFT)
    ComparisonFactory(tools=[first, second, third])

    with django_assert_num_queries(1):
        found = comparison_of([first, second])
        assert [entry.tool for entry in found.lineup] == [second, first]
    reference = Comparison.objects.for_tools([first, second]).get()
    assert_same_rows([found], [reference])
    assert_same_rows(found.lineup, reference.lineup)
    assert found.lineup[0].tool is second and found.ship_if(first) == "First if…"
    assert comparison_of([second, first]).pk == comparison.pk
    assert comparison_of([first, third]) is None
    assert comparison_of([first, third], include_drafts=True).lineup[1].tool is third
    assert len(comparison_of([third, second, first]).lineup) == 3
