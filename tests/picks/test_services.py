"""picks.services: one row per (pair, visitor), a tally moved with F(), stamps in the same
transaction, and a fit queued after commit."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from picks.models import PairTally, Pick
from picks.services import cast_pick, withdraw_pick
from tests.picks.conftest import tally_of
from tests.tools.factories import ToolFactory
from tools.stamps import read_stamps
from votes.services import Outcome

pytestmark = pytest.mark.django_db
VOTER = "a" * 32


def test_first_pick_writes_one_row_and_counts_it(pair):
    alpha, beta = pair
    result = cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=beta)
    assert result.outcome == Outcome.CREATED
    assert Pick.objects.get().picked == beta
    assert tally_of(alpha, beta) == (0, 1, 0)


def test_the_pair_is_one_pair_whichever_way_round_it_is_named(pair):
    alpha, beta = pair
    cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=alpha)
    result = cast_pick(first=beta, second=alpha, voter_id=VOTER, picked=alpha)
    assert result.outcome == Outcome.UNCHANGED
    assert Pick.objects.count() == 1
    assert tally_of(beta, alpha) == (0, 1, 0)


def test_changing_a_pick_moves_the_count_from_old_to_new(pair):
    alpha, beta = pair
    cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=alpha)
    result = cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=None)
    assert result.outcome == Outcome.CHANGED
    assert tally_of(alpha, beta) == (0, 0, 1)


def test_withdrawing_removes_the_row_and_the_count(pair):
    alpha, beta = pair
    cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=None)
    result = withdraw_pick(first=alpha, second=beta, voter_id=VOTER)
    assert result.outcome == Outcome.WITHDRAWN and not result.has_pick
    assert Pick.objects.count() == 0
    assert tally_of(alpha, beta) == (0, 0, 0)
    again = withdraw_pick(first=alpha, second=beta, voter_id=VOTER)
    assert again.outcome == Outcome.NOTHING_TO_WITHDRAW


def test_a_tool_outside_the_pair_is_refused_and_writes_nothing(pair):
    alpha, beta = pair
    with pytest.raises(ValueError):
        cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=ToolFactory())
    with pytest.raises(ValueError):
        cast_pick(first=alpha, second=alpha, voter_id=VOTER, picked=alpha)
    assert Pick.objects.count() == 0


def test_a_pick_moves_the_picks_stamp_and_no_page_stamp(pair):
    alpha, beta = pair
    before = read_stamps(["alpha", "beta"])
    cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=alpha)
    after = read_stamps(["alpha", "beta"])
    assert after.picks != before.picks  # the comparison pages and the share image's address
    # Lists, tool pages and the community figures stay cached.
    assert (after.content, after.votes, after.tools, after.tool_votes) == (
        before.content,
        before.votes,
        before.tools,
        before.tool_votes,
    )


def test_counts_are_moved_by_f_expressions_not_written_back(pair):
    alpha, beta = pair
    cast_pick(first=alpha, second=beta, voter_id=VOTER, picked=alpha)
    with CaptureQueriesContext(connection) as queries:
        cast_pick(first=alpha, second=beta, voter_id="b" * 32, picked=alpha)
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "picks_pairtally"')]
    assert len(updates) == 1
    assert '"a_count" = ("picks_pairtally"."a_count" + 1)' in updates[0]
    assert tally_of(alpha, beta) == (2, 0, 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Threads need separate connections to one database: PostgreSQL here.",
)
def test_concurrent_picks_and_changes_on_one_pair_are_each_counted_once(settings):
    settings.PICKS_FIT_INTERVAL_SECONDS = 3600  # the race under test is the pick, not the fit
    alpha, beta = ToolFactory(), ToolFactory()
    threads_count, picks_each = 8, 12
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def picker_thread(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            for n in range(picks_each):
                voter = f"{index:016x}{n:016x}"
                cast_pick(first=alpha, second=beta, voter_id=voter, picked=alpha)
                if n % 3 == 0:  # a third change their mind, racing the others' first picks
                    cast_pick(first=beta, second=alpha, voter_id=voter, picked=None)
                if n % 4 == 0:  # and some take it back
                    withdraw_pick(first=alpha, second=beta, voter_id=voter)
            # Racing requests from one visitor: one row, counted once.
            shared = f"{0:016x}{999:016x}"
            cast_pick(first=alpha, second=beta, voter_id=shared, picked=[alpha, beta][index % 2])
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=picker_thread, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    rows = Pick.objects.filter(tool_a=min(alpha, beta, key=lambda t: t.pk))
    kept_each = picks_each - len(range(0, picks_each, 4))
    assert rows.count() == threads_count * kept_each + 1
    counted = (
        rows.filter(picked=alpha).count(),
        rows.filter(picked=beta).count(),
        rows.filter(picked__isnull=True).count(),
    )
    assert tally_of(alpha, beta) == counted


def run_in_threads(count: int, work) -> None:
    """Run `work(index)` in `count` threads released together; re-raise what any raised."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def thread_body(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            work(index)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=thread_body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Threads need separate connections to one database: PostgreSQL here.",
)
def test_concurrent_picks_from_one_network_count_exactly_the_cap_and_hold_the_rest(settings):
    """Racing first picks from one network: the group row's lock lets exactly the cap count.
    Then changes and withdrawals of held and counted picks race new ones, and the tally ends
    equal to the rows, counted and held."""
    settings.PICKS_FIT_INTERVAL_SECONDS = 3600  # the race under test is the pick, not the fit
    settings.VOTE_NETWORK_DAILY_CAP = 5
    tool_a, tool_b = ToolFactory(), ToolFactory()  # created in order: tool_a has the lower id
    network = "n" * 64

    def first_picks(index: int) -> None:
        for n in range(6):
            voter = f"{index:016x}{n:016x}"
            cast_pick(first=tool_a, second=tool_b, voter_id=voter, picked=tool_b,
                      network_hash=network)  # fmt: skip

    run_in_threads(8, first_picks)
    rows = Pick.objects.filter(tool_a=tool_a, tool_b=tool_b)
    assert rows.filter(status="counted").count() == 5
    assert rows.filter(status="held").count() == 8 * 6 - 5

    def churn(index: int) -> None:
        for n in range(6):
            voter = f"{index:016x}{n:016x}"
            if n % 2 == 0:
                cast_pick(first=tool_b, second=tool_a, voter_id=voter, picked=None)
            if n % 3 == 0:
                withdraw_pick(first=tool_a, second=tool_b, voter_id=voter)
            newcomer = f"{index:016x}{n + 16:016x}"
            cast_pick(first=tool_a, second=tool_b, voter_id=newcomer, picked=tool_a,
                      network_hash=network)  # fmt: skip

    run_in_threads(8, churn)
    tally = PairTally.objects.for_pair(tool_a, tool_b).get()
    for prefix, status in (("", "counted"), ("held_", "held")):
        assert (
            getattr(tally, f"{prefix}a_count"),
            getattr(tally, f"{prefix}b_count"),
            getattr(tally, f"{prefix}neither_count"),
        ) == (
            rows.filter(status=status, picked=tool_a).count(),
            rows.filter(status=status, picked=tool_b).count(),
            rows.filter(status=status, picked__isnull=True).count(),
        ), status
    # Withdrawn counted picks free their places; the cap still holds at every moment.
    assert rows.filter(status="counted").count() <= 5
    assert rows.count() == 8 * 6 - 8 * 2 + 8 * 6
