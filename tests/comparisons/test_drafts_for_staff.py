"""Drafts and scheduled items: invisible to readers everywhere; staff see them, marked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Decision

pytestmark = pytest.mark.django_db

LATER = timedelta(days=2)


@pytest.fixture
def pair_with_drafts():
    """alpha: one live ship; a draft skip and a scheduled skip; a draft comparison."""
    alpha, beta = ToolFactory(slug="alpha", name="Alpha"), ToolFactory(slug="beta", name="Beta")
    VerdictFactory(tool=alpha, decision=Decision.SHIP, body="Live and shipping.")
    VerdictFactory(
        tool=alpha, decision=Decision.SKIP, status=PublishStatus.DRAFT, body="Secret draft call."
    )
    VerdictFactory(
        tool=alpha,
        decision=Decision.SKIP,
        published_at=timezone.now() + LATER,
        body="Scheduled call.",
        reviewer=ReviewerFactory(name="Future Reviewer"),
    )
    ComparisonFactory(
        tools=[alpha, beta], status=PublishStatus.DRAFT, summary="Draft editorial read."
    )
    return alpha, beta


PAGES = ["/compare/alpha-vs-beta/", "/tools/alpha/", "/"]
SECRETS = ["Secret draft call.", "Scheduled call.", "Future Reviewer", "Draft editorial read.",
           "Draft — not public", "Staff preview"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_readers_see_no_draft_or_scheduled_item_anywhere(client, pair_with_drafts, path):
    html = client.get(path).content.decode()
    for secret in SECRETS:
        assert secret not in html, secret


def test_readers_figures_leave_drafts_out(client, pair_with_drafts):
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert 'figure__value--words">1 of 1 reviewer: ship</span>' in html


@pytest.mark.parametrize("user", ["editor", "superuser"])
def test_staff_see_drafts_and_scheduled_items_with_a_banner(client, pair_with_drafts, user,
                                                            editor, admin_user):  # fmt: skip
    client.force_login(editor if user == "editor" else admin_user)
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    for text in ["Secret draft call.", "Scheduled call.", "Draft editorial read.", "Staff preview"]:
        assert text in html
    assert html.count("Draft — not public") >= 3  # banner legend, verdict, comparison
    assert "Scheduled — not public until" in html
    assert "1 of 3 reviewers" in html  # staff figures include what is waiting


def test_staff_see_draft_comparisons_on_home_and_tool_pages(client, pair_with_drafts, editor):
    client.force_login(editor)
    home = client.get("/").content.decode()
    assert "Draft — not public" in home and "Draft editorial read." in home
    tool = client.get("/tools/alpha/").content.decode()
    assert "Secret draft call." in tool and "Draft — not public" in tool


def test_pages_with_drafts_are_never_stored_by_shared_caches(client, pair_with_drafts, editor):
    assert "private" not in client.get("/compare/alpha-vs-beta/").get("Cache-Control", "")
    client.force_login(editor)
    for path in PAGES:
        cache_control = client.get(path)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control


def test_readers_pages_never_touch_a_session(client, pair_with_drafts):
    """Readers have no session: the draft check reads it only when a session cookie exists.

    (The page still varies on Cookie: its vote and newsletter forms carry a CSRF token.)
    """
    response = client.get("/compare/alpha-vs-beta/")
    assert "sessionid" not in response.cookies


def test_signed_in_non_staff_are_readers(client, pair_with_drafts):
    from tests.desk.factories import UserFactory

    client.force_login(UserFactory())
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert "Secret draft call." not in html


def test_readers_query_count_stays_fixed_with_history(client, django_assert_max_num_queries):
    from verdicts.services import change_decision

    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    ComparisonFactory(tools=[alpha, beta])
    for _ in range(10):
        reviewer = ReviewerFactory()
        for tool in (alpha, beta):
            verdict = VerdictFactory(tool=tool, reviewer=reviewer, decision=Decision.SKIP)
            change_decision(verdict=verdict, decision=Decision.SHIP)
    with django_assert_max_num_queries(9):
        html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert html.count("Changed from skip to ship on") == 20
