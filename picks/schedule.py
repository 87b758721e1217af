"""Asking for a category's ranking to be refitted after picks arrive: at most one waiting fit
per category, and fits at most every settings.PICKS_FIT_INTERVAL_SECONDS.

The claim is one conditional UPDATE on the category's ranking row, so any number of workers
taking picks at once enqueue one fit between them. With a worker that can defer (django-tasks-db)
the fit is queued to run once the interval since the last fit has passed, so every pick is in a
fit within the interval; with the immediate backend (tests, `make run`) the fit runs at once,
unless one ran within the interval: then the next pick after it, or `fit_pick_rankings`, runs it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from picks.models import CategoryRanking

logger = logging.getLogger(__name__)

# A claim older than this many intervals belongs to a fit that never ran (a lost worker).
STALE_CLAIM_INTERVALS = 3


def request_fits(category_ids: Iterable[int]) -> None:
    """Queue a refit of each category once the current transaction commits."""
    for category_id in sorted(set(category_ids)):
        transaction.on_commit(partial(queue_fit, category_id))


def queue_fit(category_id: int) -> bool:
    """Claim and enqueue the category's next fit; False when one is already waiting or recent."""
    from picks.tasks import fit_category_ranking  # the task module imports the fitting code

    now = timezone.now()
    interval = timedelta(seconds=settings.PICKS_FIT_INTERVAL_SECONDS)
    CategoryRanking.objects.bulk_create(
        [CategoryRanking(category_id=category_id)], ignore_conflicts=True
    )
    free = Q(fit_queued_at__isnull=True) | Q(
        fit_queued_at__lt=now - max(interval, timedelta(minutes=1)) * STALE_CLAIM_INTERVALS
    )
    rows = CategoryRanking.objects.filter(free, category_id=category_id)
    defers = fit_category_ranking.get_backend().supports_defer
    if not defers:
        rows = rows.filter(Q(fitted_at__isnull=True) | Q(fitted_at__lte=now - interval))
    if not rows.update(fit_queued_at=now):
        return False
    try:
        if defers:
            fitted_at = (
                CategoryRanking.objects.filter(category_id=category_id)
                .values_list("fitted_at", flat=True)
                .first()
            )
            run_after = max(now, fitted_at + interval) if fitted_at else now
            fit_category_ranking.using(run_after=run_after).enqueue(category_id)
        else:
            fit_category_ranking.enqueue(category_id)
    except Exception:
        # The pick is counted already; a lost fit only delays the ranking. Free the claim.
        logger.exception("Could not queue the ranking fit of category %s", category_id)
        CategoryRanking.objects.filter(category_id=category_id).update(fit_queued_at=None)
        return False
    return True
