"""Fitting a category's ranking from its pair tallies, and storing it for pages to read.

What goes in: every pair tally with both tools in the category, already aggregated (one row
per pair, kept by picks/services.py), so a fit never scans pick rows.

"Neither" picks are left out of the model. They say the visitor would ship with neither tool,
which is no evidence about which of the two they prefer: counting them as half a win each
would pull every pair towards 50/50 in proportion to how disliked both tools are, and make
the fit look surer than the picks allow. They are shown beside each pair's result instead.

Which tools are ranked: those with at least settings.PICKS_RANKING_MIN_PICKS decisive picks,
inside the largest group in which every tool has both beaten and lost to others of the group
(strongly connected). Outside it, maximum likelihood has no finite answer (a tool that never
lost would have infinite strength), so those tools read "not enough picks yet".
"""

from __future__ import annotations

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from picks.bradley_terry import fit_with_rank_ranges, strongly_connected
from picks.figures import minimum_picks
from picks.models import CategoryRanking, PairTally, PreferenceFlip, RankedTool
from tools.models import Category, Tool
from tools.stamps import mark_changed


def category_tallies(category: Category) -> list[tuple[int, int, int, int, int]]:
    """(tool_a, tool_b, a_count, b_count, neither_count) for pairs inside the category."""
    return list(
        PairTally.objects.filter(tool_a__category=category, tool_b__category=category)
        .order_by()
        .values_list("tool_a_id", "tool_b_id", "a_count", "b_count", "neither_count")
    )


def rankable(tool_ids: list[int], wins: np.ndarray, minimum: int) -> list[int]:
    """Indexes of the tools the model can rank (see the module docstring)."""
    keep = np.arange(len(tool_ids))
    while len(keep):
        sub = wins[np.ix_(keep, keep)]
        decisive = sub.sum(axis=0) + sub.sum(axis=1)
        keep = keep[decisive >= minimum]
        if not len(keep):
            break
        sub = wins[np.ix_(keep, keep)]
        labels = strongly_connected(sub)
        biggest = np.bincount(labels).argmax()
        connected = keep[labels == biggest]
        if len(connected) == len(keep):
            break
        keep = connected
    return [int(i) for i in keep] if len(keep) >= 2 else []


def fit_category(category: Category) -> CategoryRanking:
    """Fit the category's ranking now and store it (the task and the command call this)."""
    CategoryRanking.objects.filter(category=category).update(fit_queued_at=None)
    tallies = category_tallies(category)
    tool_ids = sorted({row[0] for row in tallies} | {row[1] for row in tallies})
    index = {tool_id: i for i, tool_id in enumerate(tool_ids)}
    wins = np.zeros((len(tool_ids), len(tool_ids)))
    for tool_a, tool_b, a_count, b_count, _neither in tallies:
        wins[index[tool_a], index[tool_b]] = a_count
        wins[index[tool_b], index[tool_a]] = b_count
    chosen = rankable(tool_ids, wins, settings.PICKS_RANKING_MIN_PICKS)
    places = []
    samples = settings.PICKS_BOOTSTRAP_SAMPLES
    if chosen:
        sub = wins[np.ix_(chosen, chosen)]
        fitted = fit_with_rank_ranges(sub, samples=samples, seed=int(sub.sum()))
        decisive = sub.sum(axis=0) + sub.sum(axis=1)
        for k, i in enumerate(chosen):
            places.append(
                RankedTool(
                    tool_id=tool_ids[i],
                    rank=int(fitted.rank[k]),
                    rank_low=int(fitted.rank_low[k]),
                    rank_high=int(fitted.rank_high[k]),
                    strength=float(fitted.strength[k]),
                    decisive_picks=int(decisive[k]),
                )
            )
    return _store(category, tallies, places, samples if places else 0)


def _store(category, tallies, places: list[RankedTool], samples: int) -> CategoryRanking:
    now = timezone.now()
    with transaction.atomic():
        ranking, _ = CategoryRanking.objects.get_or_create(category=category)
        ranking.fitted_at = now
        ranking.decisive_picks = sum(row[2] + row[3] for row in tallies)
        ranking.neither_picks = sum(row[4] for row in tallies)
        ranking.bootstrap_samples = samples
        ranking.save(
            update_fields=["fitted_at", "decisive_picks", "neither_picks", "bootstrap_samples"]
        )
        category_tools = list(Tool.objects.filter(category=category).values_list("pk", flat=True))
        before = set(
            RankedTool.objects.filter(tool__in=category_tools).values_list("tool_id", flat=True)
        )
        RankedTool.objects.filter(ranking=ranking).delete()
        RankedTool.objects.filter(tool__in=category_tools).delete()
        for place in places:
            place.ranking = ranking
        RankedTool.objects.bulk_create(places)
        _record_flips(category, now)
        # Category, tool and list pages show ranks: their cached copies go with this commit.
        mark_changed(before | {place.tool_id for place in places})
    return ranking


def _record_flips(category: Category, now) -> None:
    """Note each pair whose leader changed since the last fit (the newsletter reads these),
    and store each pair's leader: a handful of set-wise statements, whatever the pair count.

    A pair has a leader once its decisive picks reach the small-sample minimum (minimum_picks)
    and one tool has more; a tie or a small sample keeps the leader it had.
    """
    pairs = PairTally.objects.filter(tool_a__category=category, tool_b__category=category)
    enough = Q(a_count__gte=minimum_picks() - F("b_count"))
    a_leads = pairs.filter(enough, a_count__gt=F("b_count"))
    b_leads = pairs.filter(enough, b_count__gt=F("a_count"))
    flips = [
        PreferenceFlip(
            tool_a_id=a,
            tool_b_id=b,
            from_leader_id=was,
            to_leader_id=now_leads,
            a_count=a_count,
            b_count=b_count,
            flipped_at=now,
        )  # fmt: skip
        for leads, new_leader in ((a_leads, "tool_a"), (b_leads, "tool_b"))
        for a, b, was, now_leads, a_count, b_count in leads.filter(leader__isnull=False)
        .exclude(leader=F(new_leader))
        .values_list("tool_a_id", "tool_b_id", "leader_id", new_leader, "a_count", "b_count")
    ]
    PreferenceFlip.objects.bulk_create(flips)
    a_leads.exclude(leader=F("tool_a")).update(leader=F("tool_a"))
    b_leads.exclude(leader=F("tool_b")).update(leader=F("tool_b"))
