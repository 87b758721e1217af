"""Changing or withdrawing a held, counted or verified vote keeps every tally exact."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from votes.models import Status, Vote, VoteTally
from votes.services import Outcome, cast_vote, withdraw_vote

pytestmark = pytest.mark.django_db

NETWORK = "n" * 64


@pytest.fixture(autouse=True)
def cap_of_one(settings):
    settings.VOTE_NETWORK_DAILY_CAP = 1


def counts(tool) -> tuple[int, ...]:
    return (
        VoteTally.objects.filter(tool=tool)
        .values_list("ship_count", "skip_count", "held_ship_count", "held_skip_count")
        .get()
    )


def vote(tool, voter: str, choice: str):
    return cast_vote(tool=tool, voter_id=voter * 32, choice=choice, network_hash=NETWORK)


def test_the_second_vote_from_a_network_is_held(tool):
    assert not vote(tool, "a", "ship").held
    result = vote(tool, "b", "ship")
    assert result.outcome == Outcome.CREATED and result.held
    assert counts(tool) == (1, 0, 1, 0)


def test_a_held_vote_changed_moves_only_the_held_counts_and_stays_held(tool):
    vote(tool, "a", "ship")
    vote(tool, "b", "ship")
    result = vote(tool, "b", "skip")
    assert result.outcome == Outcome.CHANGED and result.held
    assert counts(tool) == (1, 0, 0, 1)


def test_a_held_vote_withdrawn_leaves_the_held_counts(tool):
    vote(tool, "a", "ship")
    vote(tool, "b", "skip")
    withdraw_vote(tool=tool, voter_id="b" * 32)
    assert counts(tool) == (1, 0, 0, 0)


def test_withdrawing_a_counted_vote_frees_its_place_for_the_next_vote(tool):
    vote(tool, "a", "ship")
    withdraw_vote(tool=tool, voter_id="a" * 32)
    assert not vote(tool, "b", "skip").held
    assert counts(tool) == (0, 1, 0, 0)


def test_votes_without_a_known_network_are_never_capped(tool):
    for voter in "abc":
        cast_vote(tool=tool, voter_id=voter * 32, choice="ship")
    assert counts(tool) == (3, 0, 0, 0)


def test_a_cap_of_zero_holds_every_unverified_vote(tool, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 0
    assert vote(tool, "a", "ship").held
    assert counts(tool) == (0, 0, 1, 0)


def test_recount_agrees_after_a_mix_of_counted_held_changed_and_withdrawn(tool, capsys):
    for voter, choice in zip(
        "abcdef", ["ship", "skip", "ship", "skip", "ship", "ship"], strict=True
    ):
        vote(tool, voter, choice)
    vote(tool, "c", "skip")
    withdraw_vote(tool=tool, voter_id="d" * 32)
    call_command("recount_votes")
    assert "no drift" in capsys.readouterr().out
    assert Vote.objects.filter(status=Status.HELD).count() == 4
