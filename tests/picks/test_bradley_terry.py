"""The Bradley–Terry fit against answers worked out by hand, and against known strengths."""

from __future__ import annotations

import numpy as np
import pytest

from picks.bradley_terry import fit, fit_with_rank_ranges, ranks_of, strongly_connected


def test_three_tools_whose_pair_ratios_agree_get_exactly_those_strengths():
    """By hand: strengths 4 : 2 : 1. A beat B 8-4 (4/(4+2) = 2/3), B beat C 6-3 (2/3) and
    A beat C 8-2 (4/5). Every pair's expected wins equal its observed wins, so the score
    equations hold and (4, 2, 1), scaled to geometric mean 1, is the maximum: (2, 1, 0.5)."""
    wins = np.array([[0, 8, 8], [4, 0, 6], [2, 3, 0]])
    assert fit(wins) == pytest.approx([2.0, 1.0, 0.5], rel=1e-8)


def test_a_rock_paper_scissors_cycle_gives_equal_strengths():
    """A beats B, B beats C and C beats A, each 2-1: by symmetry all three are equal."""
    wins = np.array([[0, 2, 1], [1, 0, 2], [2, 1, 0]])
    assert fit(wins) == pytest.approx([1.0, 1.0, 1.0], rel=1e-8)


def test_two_tools_strength_ratio_is_the_win_ratio():
    """A beat B 3-1: s_A / s_B = 3, so (√3, 1/√3)."""
    assert fit(np.array([[0, 3], [1, 0]])) == pytest.approx([3**0.5, 3**-0.5], rel=1e-8)


def test_the_fit_satisfies_the_score_equations_for_uneven_data():
    """At the maximum each tool's expected wins equal its observed wins."""
    wins = np.array([[0, 5, 2, 7], [3, 0, 4, 1], [6, 2, 0, 3], [1, 4, 2, 0]], dtype=float)
    strength = fit(wins)
    games = wins + wins.T
    expected = (games * strength[:, None] / (strength[:, None] + strength[None, :])).sum(axis=1)
    assert expected == pytest.approx(wins.sum(axis=1), rel=1e-7)


def test_simulated_picks_recover_known_strengths():
    rng = np.random.default_rng(12)
    true = np.exp(np.linspace(-1.5, 1.5, 8))
    wins = np.zeros((8, 8))
    for i in range(8):
        for j in range(i + 1, 8):
            won = rng.binomial(3000, true[i] / (true[i] + true[j]))
            wins[i, j], wins[j, i] = won, 3000 - won
    fitted = fit(wins)
    true_log = np.log(true) - np.log(true).mean()
    assert np.abs(np.log(fitted) - true_log).max() < 0.05
    assert list(ranks_of(fitted)) == [8, 7, 6, 5, 4, 3, 2, 1]


def test_rank_ranges_are_narrow_with_many_picks_and_wide_with_few():
    rng = np.random.default_rng(3)
    true = np.array([3.0, 2.0, 1.0])

    def simulated(per_pair: int) -> np.ndarray:
        wins = np.zeros((3, 3))
        for i in range(3):
            for j in range(i + 1, 3):
                won = rng.binomial(per_pair, true[i] / (true[i] + true[j]))
                wins[i, j], wins[j, i] = won, per_pair - won
        return wins

    many = fit_with_rank_ranges(simulated(5000), samples=50, seed=1)
    assert list(many.rank_low) == [1, 2, 3] and list(many.rank_high) == [1, 2, 3]
    few = fit_with_rank_ranges(simulated(6), samples=200, seed=1)
    assert (few.rank_low <= few.rank).all() and (few.rank <= few.rank_high).all()
    assert (few.rank_high - few.rank_low).max() >= 1


def test_strongly_connected_groups_split_where_wins_only_run_one_way():
    """A and B beat each other; both beat C, which never won: C is on its own."""
    wins = np.array([[0, 2, 1], [1, 0, 1], [0, 0, 0]])
    labels = strongly_connected(wins)
    assert labels[0] == labels[1] != labels[2]
