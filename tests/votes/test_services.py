from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteFactory, VoteTallyFactory
from votes.models import Vote, VoteTally
from votes.services import Outcome, cast_vote, withdraw_vote

VOTER = "a" * 32
OTHER_VOTER = "b" * 32


def tally_of(tool) -> tuple[int, int]:
    tally = VoteTally.objects.filter(tool=tool).first()
    return (tally.ship_count, tally.skip_count) if tally else (0, 0)


@pytest.mark.django_db
class TestCastVote:
    def test_first_vote_writes_one_row_and_creates_the_tally(self):
        tool = ToolFactory()
        result = cast_vote(tool=tool, voter_id=VOTER, choice="ship", ip_hash="h" * 64)
        assert result.outcome == Outcome.CREATED and result.choice == "ship"
        vote = Vote.objects.get()
        assert (vote.tool, vote.voter_id, vote.choice) == (tool, VOTER, "ship")
        assert vote.ip_hash == "h" * 64
        assert tally_of(tool) == (1, 0)

    def test_votes_from_different_voters_add_up(self):
        tool = ToolFactory()
        cast_vote(tool=tool, voter_id=VOTER, choice="ship")
        cast_vote(tool=tool, voter_id=OTHER_VOTER, choice="skip")
        assert Vote.objects.count() == 2
        assert tally_of(tool) == (1, 1)

    def test_second_vote_from_same_voter_the_other_way_changes_it(self):
        tool = ToolFactory()
        cast_vote(tool=tool, voter_id=VOTER, choice="ship")
        result = cast_vote(tool=tool, voter_id=VOTER, choice="skip")
        assert result.outcome == Outcome.CHANGED and result.choice == "skip"
        assert list(Vote.objects.values_list("choice", flat=True)) == ["skip"]
        assert tally_of(tool) == (0, 1)

    def test_same_choice_again_changes_nothing(self):
        tool = ToolFactory()
        cast_vote(tool=tool, voter_id=VOTER, choice="skip")
        result = cast_vote(tool=tool, voter_id=VOTER, choice="skip")
        assert result.outcome == Outcome.UNCHANGED
        assert Vote.objects.count() == 1
        assert tally_of(tool) == (0, 1)

    def test_one_voter_votes_on_each_tool_separately(self):
        first, second = ToolFactory(), ToolFactory()
        cast_vote(tool=first, voter_id=VOTER, choice="ship")
        cast_vote(tool=second, voter_id=VOTER, choice="skip")
        assert (tally_of(first), tally_of(second)) == ((1, 0), (0, 1))

    def test_tally_moves_by_delta_and_never_overwrites_existing_counts(self):
        tool = ToolFactory()
        VoteTallyFactory(tool=tool, ship_count=40, skip_count=2)
        cast_vote(tool=tool, voter_id=VOTER, choice="skip")
        assert tally_of(tool) == (40, 3)

    @pytest.mark.parametrize("choice", ["maybe", "", "SHIP"])
    def test_a_choice_other_than_ship_or_skip_is_refused_and_writes_nothing(self, choice):
        tool = ToolFactory()
        with pytest.raises(ValueError, match="ship' or 'skip"):
            cast_vote(tool=tool, voter_id=VOTER, choice=choice)
        assert not Vote.objects.exists() and not VoteTally.objects.exists()

    def test_a_vote_without_a_voter_is_refused(self):
        with pytest.raises(ValueError, match="voter id"):
            cast_vote(tool=ToolFactory(), voter_id="", choice="ship")
        assert not Vote.objects.exists()

    def test_counts_are_written_with_f_expressions_not_read_back(
        self, django_assert_max_num_queries
    ):
        """The tally is only ever UPDATEd relative to itself: no SELECT of the counts."""
        tool = ToolFactory()
        VoteTallyFactory(tool=tool)
        # (10 statements: savepoints, the vote row, the tally, and the page-cache stamps.)
        with django_assert_max_num_queries(10) as captured:
            cast_vote(tool=tool, voter_id=VOTER, choice="ship")
        statements = [q["sql"] for q in captured.captured_queries]
        assert not any("ship_count" in s and s.lstrip().startswith("SELECT") for s in statements)
        assert any('"ship_count" = ("votes_votetally"."ship_count" + ' in s for s in statements)


@pytest.mark.django_db
class TestWithdrawVote:
    def test_undo_removes_the_row_and_takes_it_off_the_tally(self):
        tool = ToolFactory()
        cast_vote(tool=tool, voter_id=VOTER, choice="ship")
        cast_vote(tool=tool, voter_id=OTHER_VOTER, choice="ship")
        result = withdraw_vote(tool=tool, voter_id=VOTER)
        assert result.outcome == Outcome.WITHDRAWN and result.choice is None
        assert list(Vote.objects.values_list("voter_id", flat=True)) == [OTHER_VOTER]
        assert tally_of(tool) == (1, 0)

    def test_undo_without_a_vote_changes_nothing(self):
        tool = ToolFactory()
        VoteFactory(voter_id=VOTER)  # a vote on another tool
        VoteTallyFactory(tool=tool, ship_count=3)
        assert withdraw_vote(tool=tool, voter_id=VOTER).outcome == Outcome.NOTHING_TO_WITHDRAW
        assert withdraw_vote(tool=tool, voter_id="").outcome == Outcome.NOTHING_TO_WITHDRAW
        assert Vote.objects.count() == 1
        assert tally_of(tool) == (3, 0)

    def test_voting_again_after_undo_counts_once(self):
        tool = ToolFactory()
        cast_vote(tool=tool, voter_id=VOTER, choice="ship")
        withdraw_vote(tool=tool, voter_id=VOTER)
        cast_vote(tool=tool, voter_id=VOTER, choice="skip")
        assert tally_of(tool) == (0, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Threads need separate connections to one database: PostgreSQL here; the gunicorn "
    "load test (test_vote_load.py) proves the same on SQLite.",
)
def test_concurrent_votes_and_changes_on_one_tool_are_each_counted_once():
    tool = ToolFactory()
    threads_count, votes_each = 8, 15
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def voter_thread(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            for n in range(votes_each):
                voter = f"{index:016x}{n:016x}"
                cast_vote(tool=tool, voter_id=voter, choice="ship")
                if n % 3 == 0:  # a third change their mind, racing the others' first votes
                    cast_vote(tool=tool, voter_id=voter, choice="skip")
            # Two racing requests from one visitor: one row, counted once.
            shared = f"{0:016x}{999:016x}"
            cast_vote(tool=tool, voter_id=shared, choice="ship" if index % 2 else "skip")
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=voter_thread, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    ship = Vote.objects.filter(tool=tool, choice="ship").count()
    skip = Vote.objects.filter(tool=tool, choice="skip").count()
    assert ship + skip == threads_count * votes_each + 1
    assert tally_of(tool) == (ship, skip)
