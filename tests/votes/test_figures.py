from __future__ import annotations

import pytest

from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteTallyFactory
from votes.figures import CommunityFigure, current_figure


@pytest.mark.parametrize(
    ("ship", "skip", "summary"),
    [
        (746, 458, "62% ship · 1,204 votes"),
        (1, 0, "100% ship · 1 vote"),
        (0, 1, "0% ship · 1 vote"),
        (1, 1, "50% ship · 2 votes"),
        (0, 0, "—"),
    ],
)
def test_summary_gives_share_and_count_with_singular_and_thousands(ship, skip, summary):
    assert CommunityFigure(ship, skip).summary == summary


def test_no_votes_shows_a_dash_and_says_so():
    figure = CommunityFigure(0, 0)
    assert (figure.percent_label, figure.share_label) == ("—", "No votes yet")
    assert figure.wilson_interval is None and figure.interval_label == ""
    assert not figure.too_few_to_call


@pytest.mark.parametrize(("total", "too_few"), [(1, True), (9, True), (10, False), (500, False)])
def test_under_ten_votes_is_too_few_to_call(total, too_few):
    assert CommunityFigure(total, 0).too_few_to_call is too_few


@pytest.mark.parametrize(
    ("ship", "skip", "low", "high"),
    [
        # Reference values of the 95% Wilson score interval.
        (5, 5, 0.2366, 0.7634),
        (0, 10, 0.0, 0.2775),
        (1, 0, 0.2065, 1.0),
        (81, 182, 0.2553, 0.3662),
    ],
)
def test_wilson_interval_matches_reference_values(ship, skip, low, high):
    interval = CommunityFigure(ship, skip).wilson_interval
    assert interval == pytest.approx((low, high), abs=5e-5)


def test_interval_label_reads_as_whole_percentages():
    assert CommunityFigure(746, 458).interval_label == "95% interval: 59–65% ship"
    assert CommunityFigure(1, 0).interval_label == "95% interval: 21–100% ship"


@pytest.mark.django_db
def test_current_figure_reads_the_tally_and_means_no_votes_without_one(
    django_assert_num_queries,
):
    tool, fresh = ToolFactory(), ToolFactory()
    VoteTallyFactory(tool=tool, ship_count=3, skip_count=1)
    with django_assert_num_queries(1):
        assert current_figure(tool) == CommunityFigure(3, 1)
    assert current_figure(fresh) == CommunityFigure(0, 0)
