"""manage.py recount_picks: every pair's counted and held tallies rebuilt from the pick rows;
voided picks counted nowhere."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from picks.models import PairTally, PickNetworkDay
from picks.services import cast_pick, void_held_picks
from tests.picks.conftest import counted_and_held as six

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(pair, settings):
    """Alpha vs Beta: 2 counted, 3 held (from one network), 2 more voided from another."""
    settings.VOTE_NETWORK_DAILY_CAP = 1
    alpha, beta = pair
    for n, picked in enumerate([alpha, beta, None, beta]):
        cast_pick(
            first=alpha, second=beta, voter_id=f"a{n:031x}", picked=picked, network_hash="a" * 64
        )
    for n, picked in enumerate([beta, alpha, alpha]):
        cast_pick(
            first=alpha, second=beta, voter_id=f"b{n:031x}", picked=picked, network_hash="b" * 64
        )
    void_held_picks(group=PickNetworkDay.objects.get(network_hash="b" * 64))
    return pair


def test_no_drift_when_every_pick_went_through_the_service(mixed, capsys):
    call_command("recount_picks")
    assert "Recounted 1 pairs: no drift." in capsys.readouterr().out
    assert six(*mixed) == (1, 1, 0, 0, 2, 1)


def test_recount_rebuilds_counted_and_held_tallies_from_the_rows(mixed, capsys):
    PairTally.objects.update(a_count=40, held_b_count=0, held_neither_count=9)  # drift
    call_command("recount_picks", "--dry-run")
    assert "Drift on 1 of 1 pairs; not fixed." in capsys.readouterr().out
    assert six(*mixed)[0] == 40
    call_command("recount_picks")
    assert "Drift on 1 of 1 pairs; fixed." in capsys.readouterr().out
    assert six(*mixed) == (1, 1, 0, 0, 2, 1)
