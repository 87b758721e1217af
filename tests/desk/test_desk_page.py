"""The desk lists what needs an editor: drafts, scheduled, re-review, missing verdicts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db
URL = "/admin/desk/"


def section(html: str, key: str) -> str:
    start = html.index(f'id="desk-{key}"')
    return html[start : html.index("</section>", start)]


def test_the_desk_lists_what_needs_an_editor(editor_client, django_assert_max_num_queries):
    tool = ToolFactory(name="Alpha", current_version="v2")
    first, second = ReviewerFactory(name="Maya"), ReviewerFactory(name="Victor")
    VerdictFactory(tool=tool, reviewer=first, status=PublishStatus.DRAFT)
    VerdictFactory(reviewer=second, published_at=timezone.now() + timedelta(days=1))
    VerdictFactory(tool=ToolFactory(name="Beta", current_version="v9"), reviewer=first,
                   version="v8")  # fmt: skip
    ComparisonFactory(title="Alpha vs Gamma", status=PublishStatus.DRAFT)
    with django_assert_max_num_queries(20):
        response = editor_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Maya on Alpha" in section(html, "drafts")
    assert "Alpha vs Gamma" in section(html, "drafts")
    assert "goes public" in section(html, "scheduled") and " UTC" in section(html, "scheduled")
    assert "Judged v8; the tool is now v9" in section(html, "rereview")
    missing = section(html, "missing")
    assert "Alpha" in missing and "No verdict yet from Victor" in missing


def test_readers_cannot_open_the_desk(client):
    assert client.get(URL).status_code == 302  # to the sign-in page


def test_the_admin_home_links_to_the_desk(editor_client):
    assert 'href="/admin/desk/"' in editor_client.get("/admin/").content.decode()


def test_held_votes_wait_on_the_desk(editor_client, settings):
    from votes.services import cast_vote

    settings.VOTE_NETWORK_DAILY_CAP = 1
    tool = ToolFactory(name="Crowded")
    for n, choice in enumerate(["ship", "ship", "skip"]):
        cast_vote(tool=tool, voter_id=f"{n:032x}", choice=choice, network_hash="n" * 64)
    held = section(editor_client.get(URL).content.decode(), "held")
    assert "2 held votes on Crowded" in held and "1 ship, 1 skip" in held
    assert "/admin/votes/networkday/" in held


def test_held_picks_wait_on_the_desk_beside_held_votes(editor_client, settings):
    from picks.services import cast_pick

    settings.VOTE_NETWORK_DAILY_CAP = 1
    alpha, beta = ToolFactory(name="Alpha"), ToolFactory(name="Beta")
    for n, picked in enumerate([alpha, alpha, beta, None]):
        cast_pick(
            first=alpha, second=beta, voter_id=f"{n:032x}", picked=picked, network_hash="n" * 64
        )
    html = editor_client.get(URL).content.decode()
    held = section(html, "held-picks")
    assert "Held picks (1)" in held
    assert "3 held picks on Alpha vs Beta" in held and "1 Alpha, 1 Beta, 1 neither" in held
    assert "1 counted from it that day" in held
    assert "/admin/picks/picknetworkday/" in held
    assert "n" * 64 not in html
