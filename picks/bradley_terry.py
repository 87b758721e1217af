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
from threadpoolctl import threadpool_limits

TOLERANCE = 1e-10  # largest change in any log-strength between steps, to stop
MOST_STEPS = 10_000
# Refits start from the fit, a step or two from their own maximum: Newton steps get there in
# a few solves where MM, slow near the end on large categories, needs hundreds of steps. They
# only need the order of the tools, so they stop at a looser tolerance; a resample that leaves
# a tool without a win sends its strength towards 0, which the order survives.
REFIT_TOLERANCE = 1e-4
REFIT_MOST_STEPS = 25
LARGEST_LOG_STEP = 4.0


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


def refit(wins: np.ndarray, *, start: np.ndarray) -> np.ndarray:
    """Log-strengths maximising the likelihood, by Newton's method from `start` (log scale).

    With p_ij = P(i beats j) and n_ij games: gradient_i = W_i - sum_j n_ij p_ij, and the
    negative Hessian is the weighted Laplacian L_ij = -n_ij p_ij p_ji (diagonal: the row's
    negated sum). Strengths are defined up to a common factor, so L is solved with 11'/n added:
    the step has no component along 1.
    """
    wins = np.asarray(wins, dtype=float)
    games = wins + wins.T
    won = wins.sum(axis=1)
    size = len(wins)
    theta = np.array(start, dtype=float)
    for _ in range(REFIT_MOST_STEPS):
        beats = 1.0 / (1.0 + np.exp(theta[None, :] - theta[:, None]))  # p_ij
        gradient = won - (games * beats).sum(axis=1)
        weights = games * beats * beats.T
        laplacian = np.diag(weights.sum(axis=1)) - weights + 1.0 / size
        step = np.linalg.solve(laplacian, gradient)
        step = np.clip(step, -LARGEST_LOG_STEP, LARGEST_LOG_STEP)
        theta += step
        theta -= theta.mean()
        if np.abs(step).max() < REFIT_TOLERANCE:
            break
    return np.exp(theta)


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

    Each resample redraws every pair's picks with replacement from that pair's own picks (a
    binomial per pair, keeping how often each pair was compared: which pairs people compare is
    set by the pages they visit, not by their preference).
    """
    wins = np.asarray(wins, dtype=float)
    strength = fit(wins)
    rank = ranks_of(strength)
    if samples <= 0:
        return RankedFit(strength, rank, rank.copy(), rank.copy())
    rng = np.random.default_rng(seed)
    upper = np.triu_indices(len(wins), k=1)
    games = (wins + wins.T)[upper].astype(np.int64)
    share = np.divide(wins[upper], games, out=np.zeros(len(games)), where=games > 0)
    refit_ranks = np.empty((samples, len(wins)), dtype=int)
    # Many small solves: one thread each is faster than BLAS threads contending for the cores.
    with threadpool_limits(limits=1):
        for sample in range(samples):
            won = rng.binomial(games, share)
            resampled = np.zeros_like(wins)
            resampled[upper] = won
            resampled.T[upper] = games - won
            refit_ranks[sample] = ranks_of(refit(resampled, start=np.log(strength)))
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
