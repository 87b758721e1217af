"""Editors release or void a group of held votes: tallies, the public log and the page
stamps move together, through votes.services, from the admin's actions."""

from __future__ import annotations

import pytest

from tools.models import Tool
from votes.models import ModerationEntry, NetworkDay, Status, Vote, VoteTally
from votes.services import cast_vote, release_held_votes, void_held_votes, withdraw_vote

pytestmark = pytest.mark.django_db

GROUP_ADMIN = "/admin/votes/networkday/"


@pytest.fixture
def held_group(tool, settings):
    """One network: 2 counted votes, then 5 held (3 ship, 2 skip)."""
    settings.VOTE_NETWORK_DAILY_CAP = 2
    choices = ["ship", "skip", "ship", "ship", "ship", "skip", "skip"]
    for n, choice in enumerate(choices):
        cast_vote(tool=tool, voter_id=f"{n:032x}", choice=choice, network_hash="n" * 64)
    return NetworkDay.objects.get()


def counts(tool) -> tuple[int, ...]:
    return (
        VoteTally.objects.filter(tool=tool)
        .values_list("ship_count", "skip_count", "held_ship_count", "held_skip_count")
        .get()
    )


def stamp(tool) -> int:
    return Tool.objects.values_list("cache_version", flat=True).get(pk=tool.pk)


def test_release_counts_the_held_votes_and_writes_the_log(tool, held_group):
    assert counts(tool) == (1, 1, 3, 2)
    before = stamp(tool)
    entry = release_held_votes(group=held_group).entry
    assert counts(tool) == (4, 3, 0, 0)
    assert not Vote.objects.filter(status=Status.HELD).exists()
    assert (entry.action, entry.vote_count, entry.ship_count, entry.skip_count) == (
        "released",
        5,
        3,
        2,
    )
    assert entry.summary == "5 held votes from one network released (3 ship, 2 skip)"
    assert stamp(tool) != before


def test_void_keeps_the_rows_counts_them_nowhere_and_writes_the_log(tool, held_group):
    before = stamp(tool)
    entry = void_held_votes(group=held_group).entry
    assert counts(tool) == (1, 1, 0, 0)
    assert Vote.objects.filter(status=Status.VOIDED).count() == 5
    assert entry.summary == "5 held votes from one network voided (3 ship, 2 skip)"
    assert stamp(tool) != before  # the tool page shows the log


def test_deciding_a_group_twice_changes_nothing_the_second_time(tool, held_group):
    release_held_votes(group=held_group)
    assert void_held_votes(group=held_group).entry is None
    assert counts(tool) == (4, 3, 0, 0)
    assert ModerationEntry.objects.count() == 1


def test_a_voided_vote_changed_or_withdrawn_moves_no_tally(tool, held_group):
    void_held_votes(group=held_group)
    voided = Vote.objects.filter(status=Status.VOIDED).first()
    other = "skip" if voided.choice == "ship" else "ship"
    cast_vote(tool=tool, voter_id=voided.voter_id, choice=other)
    withdraw_vote(tool=tool, voter_id=Vote.objects.filter(status=Status.VOIDED).last().voter_id)
    assert counts(tool) == (1, 1, 0, 0)


def test_editor_sees_the_group_with_its_pattern_and_no_network(editor_client, held_group):
    html = editor_client.get(GROUP_ADMIN).content.decode()
    assert "3 ship · 2 skip" in html
    assert "under a minute" in html
    assert held_group.network_hash not in html


def test_editor_releases_a_group_in_one_action(editor_client, tool, held_group):
    response = editor_client.post(
        GROUP_ADMIN, {"action": "release_groups", "_selected_action": [held_group.pk]}
    )
    assert response.status_code == 302
    assert counts(tool) == (4, 3, 0, 0)
    entry = ModerationEntry.objects.get()
    assert entry.action == "released" and entry.decided_by is not None
    # Decided groups leave the queue.
    assert "3 ship · 2 skip" not in editor_client.get(GROUP_ADMIN).content.decode()


def test_editor_voids_a_group_in_one_action(editor_client, tool, held_group):
    editor_client.post(GROUP_ADMIN, {"action": "void_groups", "_selected_action": [held_group.pk]})
    assert counts(tool) == (1, 1, 0, 0)
    assert ModerationEntry.objects.get().action == "voided"


def test_the_log_cannot_be_edited_or_deleted_by_editors(editor_client, tool, held_group):
    entry = void_held_votes(group=held_group).entry
    assert editor_client.get(f"/admin/votes/moderationentry/{entry.pk}/delete/").status_code == 403
    assert editor_client.get("/admin/votes/moderationentry/").status_code == 200
    assert editor_client.get("/admin/votes/vote/").status_code in (403, 404)
