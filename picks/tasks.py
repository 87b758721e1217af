"""Ranking fits, off the request path through django.tasks (settings.TASKS picks the backend)."""

from __future__ import annotations

from django.tasks import task

from picks.rankings import fit_category
from tools.models import Category


@task
def fit_category_ranking(category_id: int) -> int:
    """Refit one category's ranking; returns how many tools it ranks."""
    category = Category.objects.filter(pk=category_id).first()
    if category is None:  # deleted since the pick: nothing to rank
        return 0
    ranking = fit_category(category)
    return ranking.places.count()
