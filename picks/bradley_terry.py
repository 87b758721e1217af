"""The Bradley–Terry model: P(i is picked over j) = s_i / (s_i + s_j), fitted by maximum
likelihood from aggregated pair counts, with bootstrap ranges for the ranks.

`wins[i, j]` is how many picks chose tool i over tool j. "Neither" picks never reach this
module (picks/rankings.py explains why). The fit is Hunter's (2004) MM algorithm, the classic
Zermelo iteration: s_i <- W_i / sum_j n_ij / (s_i + s_j), which raises the likelihood at every
step and converges to the unique maximum whenever the comparison graph is strongly connected
(every split of the tools into two groups has a win each way across it), which the caller
ensures. Strengths are scaled so their geometric mean is 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOLERANCE = 1e-10  # largest change in any log-strength between steps, to stop
MOST_STEPS = 10_000
# Refits only need the order of the tools. A resample can leave a tool without a win, and its
# strength then sinks towards 0 for ever; the order settles long before, so refits stop early.
REFIT_TOLERANCE = 1e-6
REFIT_MOST_STEPS = 500


def fit(
    wins: np.ndarray,
    *,
    start: np.ndarray | None = None,
    tolerance: float = TOLERANCE,
    most_steps: int = MOST_STEPS,
) -> np.ndarray:
    """Maximum-likelihood strengths for a square matrix of pairwise win counts."""
    wins = np.asarray(wins, dtype=float)
    games = wins + wins.T
    won = wins.sum(axis=1)
    strength = np.ones(len(wins)) if start is None else np.array(start, dtype=float)
    for _ in range(most_steps):
        pair_sums = strength[:, None] + strength[None, :]
        updated = won / (games / pair_sums).sum(axis=1)
        # A tool that never won tends to 0; keep it tiny but positive so logs stay finite.
        updated = np.maximum(updated, 1e-300)
        updated /= np.exp(np.log(updated).mean())
        change = np.abs(np.log(updated) - np.log(strength)).max()
        strength = updated
        if change < tolerance:
            break
    return strength


def ranks_of(strength: np.ndarray) -> np.ndarray:
    """1 for the strongest; ties share the better rank."""
    order = np.sort(strength)[::-1]
    return np.searchsorted(-order, -strength, side="left") + 1


@dataclass(frozen=True)
class RankedFit:
    strength: np.ndarray
    rank: np.ndarray
    rank_low: np.ndarray  # best rank in the central 95% of bootstrap refits
    rank_high: np.ndarray  # worst rank in the central 95%


def fit_with_rank_ranges(wins: np.ndarray, *, samples: int, seed: int = 0) -> RankedFit:
    """The fit, and each tool's 95% rank range from refits to resampled picks.

    Each resample draws as many picks as were made, with replacement, from all the picks
    (a multinomial over the (winner, loser) cells): the nonparametric bootstrap of picks.
    """
    wins = np.asarray(wins, dtype=float)
    strength = fit(wins)
    rank = ranks_of(strength)
    if samples <= 0:
        return RankedFit(strength, rank, rank.copy(), rank.copy())
    rng = np.random.default_rng(seed)
    cells = wins.ravel()
    total = int(cells.sum())
    refit_ranks = np.empty((samples, len(wins)), dtype=int)
    for sample in range(samples):
        resampled = rng.multinomial(total, cells / total).reshape(wins.shape)
        refit = fit(
            resampled, start=strength, tolerance=REFIT_TOLERANCE, most_steps=REFIT_MOST_STEPS
        )
        refit_ranks[sample] = ranks_of(refit)
    low = np.quantile(refit_ranks, 0.025, axis=0, method="lower").astype(int)
    high = np.quantile(refit_ranks, 0.975, axis=0, method="higher").astype(int)
    return RankedFit(strength, rank, np.minimum(low, rank), np.maximum(high, rank))


def strongly_connected(wins: np.ndarray) -> np.ndarray:
    """Labels of the strongly connected components of "i beat j at least once"."""
    n = len(wins)
    reach = (np.asarray(wins) > 0) | np.eye(n, dtype=bool)
    while True:  # transitive closure by squaring: log2(n) boolean products
        wider = (reach.astype(np.int32) @ reach.astype(np.int32)) > 0
        if (wider == reach).all():
            break
        reach = wider
    mutual = reach & reach.T
    return mutual.argmax(axis=1)  # each tool labelled by the first tool of its component
