"""picks.rankings: what is ranked, what is stored, flips noted, and fits queued by picks."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import TestCase

from picks.models import CategoryRanking, PreferenceFlip, RankedTool
from picks.rankings import fit_category
from picks.schedule import queue_fit
from picks.services import cast_pick
from tests.picks.factories import set_tally
from tests.tools.factories import CategoryFactory, ToolFactory
from tools.models import Tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(db):
    category = CategoryFactory(name="Coding Models")
    return [ToolFactory(category=category, name=name) for name in ("Ace", "Bolt", "Crux")]


def test_stored_ranking_orders_tools_by_fitted_strength(three, settings):
    settings.PICKS_RANKING_MIN_PICKS = 10
    ace, bolt, crux = three
    set_tally(ace, bolt, 80, 40)
    set_tally(bolt, crux, 60, 30)
    set_tally(ace, crux, 80, 20, neither=50)
    ranking = fit_category(ace.category)
    places = list(ranking.places.select_related("tool"))
    assert [p.tool for p in places] == [ace, bolt, crux]
    assert [p.strength for p in places] == pytest.approx([2.0, 1.0, 0.5], rel=1e-6)
    assert ranking.decisive_picks == 310 and ranking.neither_picks == 50  # neither left out
    assert places[0].decisive_picks == 80 + 40 + 80 + 20


def test_tools_without_enough_picks_are_not_ranked(three, settings):
    settings.PICKS_RANKING_MIN_PICKS = 30
    ace, bolt, crux = three
    set_tally(ace, bolt, 30, 20)
    set_tally(bolt, crux, 5, 3)  # Crux has 8 picks: under the minimum
    ranking = fit_category(ace.category)
    assert set(ranking.places.values_list("tool__name", flat=True)) == {"Ace", "Bolt"}


def test_a_tool_that_never_lost_is_not_ranked_rather_than_infinitely_strong(three, settings):
    settings.PICKS_RANKING_MIN_PICKS = 1
    ace, bolt, crux = three
    set_tally(ace, bolt, 40, 0)  # Ace never lost: no finite maximum-likelihood strength
    set_tally(bolt, crux, 20, 20)
    ranking = fit_category(ace.category)
    assert set(ranking.places.values_list("tool__name", flat=True)) == {"Bolt", "Crux"}


def test_nothing_ranked_when_nobody_has_picked(three):
    ranking = fit_category(three[0].category)
    assert ranking.fitted_at is not None and not ranking.places.exists()


def test_a_refit_replaces_the_stored_places_and_moves_the_page_stamps(three, settings):
    settings.PICKS_RANKING_MIN_PICKS = 1
    ace, bolt, _ = three
    set_tally(ace, bolt, 3, 1)
    fit_category(ace.category)
    stamp = Tool.objects.get(pk=ace.pk).cache_version
    set_tally(ace, bolt, 1, 3)
    fit_category(ace.category)
    assert list(RankedTool.objects.values_list("tool__name", flat=True)) == ["Bolt", "Ace"]
    assert Tool.objects.get(pk=ace.pk).cache_version != stamp


def test_a_pair_whose_leader_changes_between_fits_is_recorded_as_a_flip(three):
    ace, bolt, _ = three
    set_tally(ace, bolt, 12, 4)
    fit_category(ace.category)
    assert not PreferenceFlip.objects.exists()  # the first leader is not a flip
    set_tally(ace, bolt, 12, 15)
    fit_category(ace.category)
    flip = PreferenceFlip.objects.get()
    assert (flip.from_leader, flip.to_leader) == (ace, bolt)
    set_tally(ace, bolt, 3, 2)  # a small sample never flips anything
    fit_category(ace.category)
    assert PreferenceFlip.objects.count() == 1


def test_a_pick_queues_a_fit_that_the_task_runs(three, settings):
    settings.PICKS_RANKING_MIN_PICKS = 1
    ace, bolt, _ = three
    with pytest.raises(CategoryRanking.DoesNotExist):
        CategoryRanking.objects.get(category=ace.category)
    with TestCase.captureOnCommitCallbacks(execute=True):
        cast_pick(first=ace, second=bolt, voter_id="a" * 32, picked=ace)
    ranking = CategoryRanking.objects.get(category=ace.category)
    assert ranking.fitted_at is not None and ranking.fit_queued_at is None


def test_fits_are_queued_at_most_once_per_interval(three, settings):
    settings.PICKS_FIT_INTERVAL_SECONDS = 300
    category = three[0].category
    assert queue_fit(category.pk) is True  # runs now (immediate backend)
    assert queue_fit(category.pk) is False  # fitted under 300 s ago
    settings.PICKS_FIT_INTERVAL_SECONDS = 0
    assert queue_fit(category.pk) is True


def test_the_command_fits_every_category_or_the_named_ones(three, settings, capsys):
    settings.PICKS_RANKING_MIN_PICKS = 1
    ace, bolt, _ = three
    set_tally(ace, bolt, 5, 2, neither=1)
    call_command("fit_pick_rankings", "coding-models")
    out = capsys.readouterr().out
    assert "coding-models: 2 tools ranked from 7 picks (1 for neither, left out)" in out
    assert RankedTool.objects.count() == 2


def test_recount_rebuilds_tallies_from_pick_rows(three, capsys):
    ace, bolt, _ = three
    for n, picked in enumerate([ace, ace, bolt, None]):
        cast_pick(first=ace, second=bolt, voter_id=f"{n:032x}", picked=picked)
    set_tally(ace, bolt, 0, 0)  # drift
    call_command("recount_picks")
    assert "Drift on 1 of 1 pairs; fixed." in capsys.readouterr().out
    from tests.picks.conftest import tally_of

    assert tally_of(ace, bolt) == (2, 1, 1)


def test_with_a_deferring_worker_one_fit_waits_for_the_interval_per_category(three, settings):
    """A worker that can defer gets one queued fit per category, due once the interval since
    the last fit has passed; picks meanwhile queue nothing more."""
    from datetime import timedelta

    from django.tasks import task_backends
    from django.utils import timezone

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.PICKS_FIT_INTERVAL_SECONDS = 300
    category = three[0].category
    fitted_at = timezone.now() - timedelta(seconds=100)
    CategoryRanking.objects.create(category=category, fitted_at=fitted_at)
    assert queue_fit(category.pk) is True
    assert queue_fit(category.pk) is False
    (queued,) = task_backends["default"].results
    assert queued.task.run_after == fitted_at + timedelta(seconds=300)
    assert queued.args == [category.pk]
    fit_category(category)  # the worker runs it: the next pick may queue again
    assert queue_fit(category.pk) is True
