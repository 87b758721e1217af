"""Editors release or void a group of held picks: the pair's tally, the public moderation log
and both tools' page stamps move together, through picks.services, from the admin's actions
and nowhere else."""

from __future__ import annotations

import pytest

from picks.models import Pick, PickNetworkDay
from picks.services import release_held_picks, void_held_picks
from tests.picks.conftest import counted_and_held as counts
from tools.models import Tool
from votes.models import ModerationEntry, Status

pytestmark = pytest.mark.django_db

GROUP_ADMIN = "/admin/picks/picknetworkday/"
NETWORK = "n" * 64


@pytest.fixture
def held_group(pair, settings):
    """One network on Alpha vs Beta: 2 counted picks, then 6 held (3 Alpha, 2 Beta, 1 neither)."""
    settings.VOTE_NETWORK_DAILY_CAP = 2
    from picks.services import cast_pick

    alpha, beta = pair
    for n, picked in enumerate([alpha, beta, alpha, alpha, alpha, beta, beta, None]):
        cast_pick(
            first=alpha, second=beta, voter_id=f"{n:032x}", picked=picked, network_hash=NETWORK
        )
    return PickNetworkDay.objects.get()


def stamps(*tools) -> list[str]:
    return [Tool.objects.values_list("cache_version", flat=True).get(pk=t.pk) for t in tools]


def test_release_counts_the_held_picks_and_writes_the_log(pair, held_group):
    assert counts(*pair) == (1, 1, 0, 3, 2, 1)
    before = stamps(*pair)
    entry = release_held_picks(group=held_group).entry
    assert counts(*pair) == (4, 3, 1, 0, 0, 0)
    assert not Pick.objects.filter(status=Status.HELD).exists()
    assert (entry.subject, entry.action, entry.vote_count) == ("picks", "released", 6)
    assert (entry.tool_picks, entry.other_tool_picks, entry.neither_picks) == (3, 2, 1)
    assert entry.summary == (
        "6 held head-to-head picks from one network released "
        "(3 for Alpha, 2 for Beta, 1 for neither)"
    )
    after = stamps(*pair)
    assert after[0] != before[0] and after[1] != before[1]


def test_void_keeps_the_rows_counts_them_nowhere_and_writes_the_log(pair, held_group):
    before = stamps(*pair)
    entry = void_held_picks(group=held_group).entry
    assert counts(*pair) == (1, 1, 0, 0, 0, 0)
    assert Pick.objects.filter(status=Status.VOIDED).count() == 6
    assert entry.action == "voided" and entry.vote_count == 6
    assert stamps(*pair)[0] != before[0]  # both tool pages show the log


def test_deciding_a_group_twice_changes_nothing_the_second_time(pair, held_group):
    release_held_picks(group=held_group)
    assert void_held_picks(group=held_group).entry is None
    assert counts(*pair) == (4, 3, 1, 0, 0, 0)
    assert ModerationEntry.objects.count() == 1


def test_a_pick_changed_while_held_is_released_as_it_stands(pair, held_group):
    from picks.services import cast_pick

    alpha, beta = pair
    held = Pick.objects.filter(status=Status.HELD, picked=alpha).first()
    cast_pick(first=alpha, second=beta, voter_id=held.voter_id, picked=None)
    release_held_picks(group=held_group)
    assert counts(*pair) == (3, 3, 2, 0, 0, 0)


def test_the_log_shows_a_pick_decision_on_both_tool_pages_and_the_site_log(
    client, pair, held_group, settings
):
    settings.PAGE_CACHE = False
    void_held_picks(group=held_group)
    line = "6 held head-to-head picks from one network voided (3 for Alpha, 2 for Beta, 1 for"
    for page in ("/tools/alpha/", "/tools/beta/", "/moderation/"):
        html = client.get(page).content.decode()
        assert line in html, page
        assert NETWORK not in html
    assert 'href="/tools/alpha/">Alpha</a> vs <a href="/tools/beta/">Beta</a>' in (
        client.get("/moderation/").content.decode()
    )


def test_editor_sees_the_group_with_its_pattern_and_no_network(editor_client, held_group):
    html = editor_client.get(GROUP_ADMIN).content.decode()
    assert "Alpha vs Beta" in html
    assert "3 Alpha · 2 Beta · 1 neither" in html
    assert "under a minute" in html
    assert NETWORK not in html


def test_editor_releases_a_group_in_one_action_through_the_service(editor_client, pair, held_group):
    response = editor_client.post(
        GROUP_ADMIN, {"action": "release_groups", "_selected_action": [held_group.pk]}
    )
    assert response.status_code == 302
    assert counts(*pair) == (4, 3, 1, 0, 0, 0)
    entry = ModerationEntry.objects.get()
    assert entry.action == "released" and entry.decided_by is not None
    assert "3 Alpha · 2 Beta" not in editor_client.get(GROUP_ADMIN).content.decode()


def test_editor_voids_a_group_in_one_action_through_the_service(editor_client, pair, held_group):
    editor_client.post(GROUP_ADMIN, {"action": "void_groups", "_selected_action": [held_group.pk]})
    assert counts(*pair) == (1, 1, 0, 0, 0, 0)
    assert ModerationEntry.objects.get().action == "voided"


def test_editors_cannot_add_delete_or_edit_a_group_by_hand(editor_client, held_group):
    assert editor_client.get(f"{GROUP_ADMIN}add/").status_code == 403
    assert editor_client.post(f"{GROUP_ADMIN}{held_group.pk}/delete/").status_code == 403
    editor_client.post(f"{GROUP_ADMIN}{held_group.pk}/change/", {"day": "2001-01-01"})
    assert PickNetworkDay.objects.get().day == held_group.day
    assert editor_client.get("/admin/picks/pick/").status_code == 404  # no pick rows at all
