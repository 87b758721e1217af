"""votes.caps.decide: the one per-network daily cap rule, which ship/skip votes and head-to-head
picks both follow (one setting, one group per network, unit and UTC day). That picks follow it
too is tested with them (tests/picks/test_network_cap.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from tests.votes.factories import VoteFactory
from votes import caps
from votes.models import NetworkDay, Status, Vote

pytestmark = pytest.mark.django_db
NETWORK = "n" * 64


def counted_votes(group):
    return Vote.objects.filter(network_day=group, status=Status.COUNTED)


def test_without_a_network_nothing_is_capped_and_no_group_is_made(tool, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 0
    decision = caps.decide(
        NetworkDay, network_hash="", unit={"tool": tool}, using_cap=counted_votes
    )
    assert decision == caps.CapDecision(None, Status.COUNTED)
    assert not NetworkDay.objects.exists()


def test_the_group_is_todays_and_counts_only_what_takes_a_place(tool, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 2
    with transaction.atomic():
        first = caps.decide(
            NetworkDay, network_hash=NETWORK, unit={"tool": tool}, using_cap=counted_votes
        )
    assert first.status == Status.COUNTED and first.group.day == timezone.now().date()
    VoteFactory(tool=tool, network_day=first.group, status=Status.COUNTED)
    VoteFactory(tool=tool, network_day=first.group, status=Status.HELD)  # takes no place
    again = caps.decide(NetworkDay, network_hash=NETWORK, unit={"tool": tool},
                        using_cap=counted_votes)  # fmt: skip
    assert again.group == first.group and not again.held
    VoteFactory(tool=tool, network_day=first.group, status=Status.COUNTED)
    full = caps.decide(NetworkDay, network_hash=NETWORK, unit={"tool": tool},
                       using_cap=counted_votes)  # fmt: skip
    assert full.held and full.status == Status.HELD


def test_a_new_utc_day_is_a_new_group_with_a_fresh_cap(tool, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 1
    yesterday = NetworkDay.objects.create(
        tool=tool, network_hash=NETWORK, day=timezone.now().date() - timedelta(days=1)
    )
    VoteFactory(tool=tool, network_day=yesterday, status=Status.COUNTED)
    today = caps.decide(NetworkDay, network_hash=NETWORK, unit={"tool": tool},
                        using_cap=counted_votes)  # fmt: skip
    assert today.group != yesterday and today.status == Status.COUNTED
