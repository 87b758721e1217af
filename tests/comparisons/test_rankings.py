from __future__ import annotations

import pytest

from comparisons import rankings
from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.factories import VoteTallyFactory
from tools.models import Tool
from verdicts.models import Decision

pytestmark = pytest.mark.django_db


def _slugs(sort: str) -> list[str]:
    return [tool.slug for tool in rankings.ranked(Tool.objects.all(), sort)]


def test_community_ranking_puts_called_shares_first_and_unvoted_tools_last(db):
    ToolFactory(slug="no-tally")
    VoteTallyFactory(tool=ToolFactory(slug="zero-votes"), ship_count=0, skip_count=0)
    VoteTallyFactory(tool=ToolFactory(slug="half"), ship_count=5, skip_count=5)
    VoteTallyFactory(tool=ToolFactory(slug="most"), ship_count=9, skip_count=1)
    VoteTallyFactory(tool=ToolFactory(slug="all-few"), ship_count=1, skip_count=0)
    ranked = _slugs("community")
    # One vote is below the minimum: it ranks after every figure that can be called.
    assert ranked[:3] == ["most", "half", "all-few"]
    assert set(ranked[3:]) == {"no-tally", "zero-votes"}


def test_equal_shares_rank_the_tool_with_more_votes_first(db):
    VoteTallyFactory(tool=ToolFactory(slug="small"), ship_count=1, skip_count=1)
    VoteTallyFactory(tool=ToolFactory(slug="big"), ship_count=50, skip_count=50)
    assert _slugs("community") == ["big", "small"]


def test_panel_ranking_counts_only_published_verdicts_and_puts_unreviewed_last(db):
    shipped, mixed, unreviewed = (ToolFactory(slug=s) for s in ("shipped", "mixed", "none"))
    VerdictFactory(tool=shipped, decision=Decision.SHIP)
    VerdictFactory(tool=mixed, decision=Decision.SHIP)
    VerdictFactory(tool=mixed, decision=Decision.SKIP)
    VerdictFactory(tool=mixed, decision=Decision.SHIP, status=PublishStatus.DRAFT)
    VerdictFactory(tool=unreviewed, decision=Decision.SHIP, status=PublishStatus.DRAFT)
    assert _slugs("panel") == ["shipped", "mixed", "none"]
    rows = {
        row.tool.slug: row for row in rankings.rows(rankings.ranked(Tool.objects.all(), "panel"))
    }
    assert (rows["mixed"].panel.ship_count, rows["mixed"].panel.total) == (1, 2)
    assert rows["none"].panel.total == 0


def test_figures_of_a_ranked_list_cost_one_query(django_assert_num_queries, db):
    for n in range(10):
        tool = ToolFactory()
        VerdictFactory.create_batch(2, tool=tool)
        VoteTallyFactory(tool=tool, ship_count=n, skip_count=1)
    with django_assert_num_queries(1):
        rows = rankings.rows(rankings.ranked(Tool.objects.all(), "community"))
        assert all(row.panel.total == 2 and row.community.total for row in rows)


def test_a_panel_ranked_window_keeps_its_order_and_reads_fresh_tallies(
    django_assert_num_queries, db
):
    for slug, decisions in (("first", "SS"), ("second", "SK")):
        tool = ToolFactory(slug=slug)
        for decision in decisions:
            VerdictFactory(tool=tool, decision=Decision.SHIP if decision == "S" else Decision.SKIP)
    rankings.window(sort="panel", limit=10)  # ranks and keeps the order
    VoteTallyFactory(tool=Tool.objects.get(slug="second"), ship_count=11, skip_count=0)
    # The content stamp and the tallies: the ranking itself is not run again.
    with django_assert_num_queries(2):
        rows = rankings.window(sort="panel", limit=10)
    assert [row.tool.slug for row in rows] == ["first", "second"]
    assert rows[1].community.total == 11  # the vote shows at once


def test_an_editors_change_reranks_a_kept_window(db):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    VerdictFactory(tool=alpha, decision=Decision.SHIP)
    assert [row.tool.slug for row in rankings.window(sort="panel", limit=10)] == ["alpha", "beta"]
    VerdictFactory(tool=beta, decision=Decision.SHIP)
    VerdictFactory(tool=alpha, decision=Decision.SKIP)  # publishing moves the content stamp
    assert [row.tool.slug for row in rankings.window(sort="panel", limit=10)] == ["beta", "alpha"]
