from __future__ import annotations

import pytest

from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteTallyFactory
from votes.figures import CommunityFigure, current_figure


@pytest.mark.parametrize(
    ("ship", "skip", "summary"),
    [
        (746, 458, "62% ship · 1,204 votes"),
        (10, 0, "100% ship · 10 votes"),
        (1, 0, "1 vote — too few to call"),
        (1, 1, "2 votes — too few to call"),
        (0, 0, "—"),
    ],
)
def test_summary_gives_share_and_count_or_the_count_in_words(ship, skip, summary):
    assert CommunityFigure(ship, skip).summary == summary


def test_no_votes_shows_a_dash_and_says_so():
    figure = CommunityFigure(0, 0)
    assert (figure.percent_label, figure.share_label) == ("—", "No votes yet")
    assert figure.interval_label == ""
    assert not figure.too_few_to_call


@pytest.mark.parametrize(("total", "too_few"), [(1, True), (9, True), (10, False), (500, False)])
def test_under_ten_votes_is_too_few_to_call(total, too_few):
    assert CommunityFigure(total, 0).too_few_to_call is too_few


@pytest.mark.django_db
def test_current_figure_reads_the_tally_and_means_no_votes_without_one(
    django_assert_num_queries,
):
    tool, fresh = ToolFactory(), ToolFactory()
    VoteTallyFactory(tool=tool, ship_count=3, skip_count=1)
    with django_assert_num_queries(1):
        assert current_figure(tool) == CommunityFigure(3, 1)
    assert current_figure(fresh) == CommunityFigure(0, 0)
