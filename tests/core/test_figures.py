"""The small-sample rule and the 95% interval: one rule for every figure on the site."""

from __future__ import annotations

import pytest

from core.figures import wilson_interval
from verdicts.figures import PanelFigure
from votes.figures import CommunityFigure


@pytest.mark.parametrize(
    ("ship", "n", "low", "high"),
    [
        # Reference values of the 95% Wilson score interval.
        (5, 10, 0.2366, 0.7634),
        (0, 10, 0.0, 0.2775),
        (1, 1, 0.2065, 1.0),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_interval_matches_reference_values(ship, n, low, high):
    assert wilson_interval(ship, n) == pytest.approx((low, high), abs=5e-5)


def test_nothing_counted_has_no_interval():
    assert wilson_interval(0, 0) is None


@pytest.mark.parametrize(
    ("figure", "headline"),
    [
        (PanelFigure(0, 0), "—"),
        (PanelFigure(1, 1), "1 of 1 reviewer: ship"),
        (PanelFigure(0, 2), "2 of 2 reviewers: skip"),
        (PanelFigure(3, 3), "100%"),
        (CommunityFigure(0, 0), "—"),
        (CommunityFigure(1, 0), "1 vote — too few to call"),
        (CommunityFigure(0, 9), "9 votes — too few to call"),
        (CommunityFigure(7, 3), "70%"),
    ],
)
def test_below_the_minimum_a_figure_is_a_count_in_words_never_a_percentage(figure, headline):
    assert figure.headline == headline
    assert figure.headline_is_percent is headline.endswith("%")
    if not figure.headline_is_percent:
        assert figure.percent_label == "—" and figure.interval_label == ""


def test_the_minimums_are_settings(settings):
    settings.PANEL_MINIMUM_VERDICTS = 1
    settings.COMMUNITY_MINIMUM_VOTES = 2
    assert PanelFigure(1, 1).headline == "100%"
    assert CommunityFigure(1, 0).headline == "1 vote — too few to call"
    assert CommunityFigure(1, 1).headline == "50%"


def test_a_share_carries_its_interval_and_n():
    figure = CommunityFigure(746, 458)
    assert figure.interval_label == "95% interval: 59–65%"
    assert figure.statement == "62% ship (1,204 votes)"
    assert PanelFigure(3, 4).statement == "75% ship (3 of 4 reviewers)"


def test_statements_below_the_minimum_and_with_nothing_counted():
    assert CommunityFigure(1, 0).statement == "1 vote — too few to call"
    assert CommunityFigure(0, 0).statement == "no votes yet"
    assert PanelFigure(1, 1).statement == "1 of 1 reviewer: ship"
    assert PanelFigure(0, 0).statement == "no verdicts yet"


def test_json_gives_counts_always_and_the_share_and_interval_only_at_the_minimum():
    small = CommunityFigure(1, 0).as_json()
    assert small == {
        "ship_count": 1,
        "total": 1,
        "minimum": 10,
        "enough_to_call": False,
        "ship_percent": None,
        "interval_95": None,
    }
    enough = CommunityFigure(5, 5).as_json()
    assert enough["ship_percent"] == 50 and enough["enough_to_call"]
    assert enough["interval_95"] == {"low": 0.2366, "high": 0.7634, "method": "wilson"}
