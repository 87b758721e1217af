"""picks.figures: shares with n and a 95% interval under the small-sample rule; the matrix."""

from __future__ import annotations

import pytest

from picks.figures import PairResult, Share, matrix, minimum_picks, pair_result
from tests.picks.factories import set_tally
from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_below_the_minimum_a_share_has_no_percentage_or_interval():
    share = Share(count=2, total=minimum_picks() - 1)
    assert share.percent is None and share.interval_label == ""


def test_at_the_minimum_the_share_has_a_wilson_interval():
    share = Share(count=62, total=100)
    assert share.percent == 62
    assert share.interval_label == "95% interval 52–71%"


def test_few_picks_are_said_in_words(pair):
    alpha, beta = pair
    result = PairResult(alpha, beta, 2, 1, 0)
    assert not result.can_call
    assert result.in_words == "3 picks so far: 2 for Alpha, 1 for Beta, 0 for neither."
    assert result.head_to_head == "3 picks between them so far"


def test_the_result_follows_the_page_order_of_the_pair(pair):
    alpha, beta = pair
    set_tally(alpha, beta, 300, 100, neither=10)
    forward, backward = pair_result(alpha, beta), pair_result(beta, alpha)
    assert (forward.first_count, forward.second_count) == (300, 100)
    assert (backward.first_count, backward.second_count) == (100, 300)
    assert forward.head_to_head == backward.head_to_head == "Alpha beats Beta in 75% of 400 picks"
    assert [o.share.percent for o in forward.options] == [73, 24, 2]


def test_the_matrix_reads_each_pair_from_the_row_tool_side(pair, django_assert_num_queries):
    alpha, beta = pair
    gamma = ToolFactory(name="Gamma")
    set_tally(alpha, beta, 62, 38)
    set_tally(beta, gamma, 1, 2)
    with django_assert_num_queries(1):
        rows = matrix([alpha, beta, gamma])
    labels = [[cell.label if cell else "" for cell in cells] for _, cells in rows]
    assert labels == [
        ["", "62% of 100", "no picks"],
        ["38% of 100", "", "3 picks"],
        ["no picks", "3 picks", ""],
    ]
