"""picks.services under the network cap: held picks counted apart, and every change, withdrawal
and decision keeps the tally exactly equal to the rows."""

from __future__ import annotations

import pytest

from picks.models import Pick, PickNetworkDay
from picks.services import cast_pick, void_held_picks, withdraw_pick
from tests.picks.conftest import counted_and_held as columns
from tools.stamps import read_stamps
from votes.models import Status
from votes.services import Outcome

pytestmark = pytest.mark.django_db
NETWORK = "n" * 64


@pytest.fixture(autouse=True)
def cap_of_two(settings):
    settings.VOTE_NETWORK_DAILY_CAP = 2


def voter(n: int) -> str:
    return f"{n:032x}"


def rows_say(first, second) -> tuple[int, ...]:
    """The same six figures counted from the pick rows."""
    tool_a, tool_b = sorted([first, second], key=lambda tool: tool.pk)
    rows = Pick.objects.for_pair(first, second)
    return tuple(
        rows.filter(status=status, **where).count()
        for status in (Status.COUNTED, Status.HELD)
        for where in ({"picked": tool_a}, {"picked": tool_b}, {"picked__isnull": True})
    )


def test_past_the_cap_a_pick_is_held_and_counted_apart(pair):
    alpha, beta = pair
    results = [
        cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=alpha, network_hash=NETWORK)
        for n in range(3)
    ]
    assert [result.status for result in results] == ["counted", "counted", "held"]
    assert results[2].held and results[2].outcome == Outcome.CREATED
    assert columns(alpha, beta) == (2, 0, 0, 1, 0, 0)
    assert PickNetworkDay.objects.get().picks.count() == 3


def test_a_pick_without_a_known_network_is_never_capped(pair):
    alpha, beta = pair
    for n in range(5):
        assert cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=beta).status == (
            Status.COUNTED
        )
    assert columns(alpha, beta) == (0, 5, 0, 0, 0, 0)
    assert not PickNetworkDay.objects.exists()


def test_changing_a_held_pick_moves_only_held_counts_and_it_stays_held(pair):
    alpha, beta = pair
    for n in range(3):
        cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=alpha, network_hash=NETWORK)
    result = cast_pick(first=beta, second=alpha, voter_id=voter(2), picked=None)
    assert (result.outcome, result.status) == (Outcome.CHANGED, Status.HELD)
    assert columns(alpha, beta) == (2, 0, 0, 0, 0, 1) == rows_say(alpha, beta)


def test_withdrawing_a_held_pick_takes_it_from_the_held_counts_only(pair):
    alpha, beta = pair
    for n in range(4):
        cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=beta, network_hash=NETWORK)
    assert withdraw_pick(first=alpha, second=beta, voter_id=voter(3)).outcome == Outcome.WITHDRAWN
    assert columns(alpha, beta) == (0, 2, 0, 0, 1, 0) == rows_say(alpha, beta)


def test_a_withdrawn_counted_pick_frees_its_place_for_the_next_one(pair):
    alpha, beta = pair
    for n in range(2):
        cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=beta, network_hash=NETWORK)
    withdraw_pick(first=alpha, second=beta, voter_id=voter(0))
    again = cast_pick(
        first=alpha, second=beta, voter_id=voter(9), picked=alpha, network_hash=NETWORK
    )
    assert again.status == Status.COUNTED
    assert columns(alpha, beta) == (1, 1, 0, 0, 0, 0) == rows_say(alpha, beta)


def test_a_voided_pick_changed_or_withdrawn_moves_no_count(pair):
    alpha, beta = pair
    for n in range(4):
        cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=alpha, network_hash=NETWORK)
    void_held_picks(group=PickNetworkDay.objects.get())
    before = columns(alpha, beta)
    assert before == (2, 0, 0, 0, 0, 0)
    changed = cast_pick(first=alpha, second=beta, voter_id=voter(2), picked=beta)
    assert changed.status == Status.VOIDED
    withdraw_pick(first=alpha, second=beta, voter_id=voter(3))
    assert columns(alpha, beta) == before == rows_say(alpha, beta)
    assert Pick.objects.get(voter_id=voter(2)).status == Status.VOIDED


def test_the_check_constraint_refuses_an_unknown_status(pair):
    from django.db import IntegrityError, transaction

    alpha, beta = pair
    cast_pick(first=alpha, second=beta, voter_id=voter(0), picked=alpha)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pick.objects.update(status="pending")


def test_a_held_pick_moves_no_stamp_so_a_flood_of_them_empties_no_cached_page(pair):
    alpha, beta = pair
    for n in range(2):
        cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=alpha, network_hash=NETWORK)
    before = read_stamps(["alpha", "beta"])
    for n in range(2, 6):
        cast_pick(first=alpha, second=beta, voter_id=voter(n), picked=beta, network_hash=NETWORK)
    assert read_stamps(["alpha", "beta"]) == before
