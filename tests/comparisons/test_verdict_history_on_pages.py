"""Decision history on the public pages: where it happened, and listed on the tool page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Decision, VerdictChange
from verdicts.services import change_decision

pytestmark = pytest.mark.django_db

DEC_3 = datetime(2026, 12, 3, 10, 30, tzinfo=UTC)


def changed_on(verdict, decision, when=DEC_3):
    change = change_decision(verdict=verdict, decision=decision)
    VerdictChange.objects.filter(pk=change.pk).update(changed_at=when)
    return change


@pytest.fixture
def flipped():
    alpha, _ = ToolFactory(slug="alpha", name="Alpha"), ToolFactory(slug="beta", name="Beta")
    reviewer = ReviewerFactory(name="Maya Chen", slug="maya-chen")
    verdict = VerdictFactory(tool=alpha, reviewer=reviewer, decision=Decision.SKIP)
    changed_on(verdict, Decision.SHIP)
    return verdict


def test_the_comparison_page_shows_the_change_in_the_reviewers_scorecard(client, flipped):
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    scorecard = html.split('id="reviewer-maya-chen"')[1]
    assert "Changed from skip to ship on" in scorecard
    assert '<time datetime="2026-12-03T10:30:00+00:00">3 Dec 2026</time>' in scorecard
    # Maya judged only Alpha: no split to show, and no claim that she agrees.
    split = html.split('id="split-heading"')[1].split('id="scorecard-heading"')[0]
    assert "judged every tool" in split and "split-table" not in split


def test_the_tool_page_lists_the_history(client, flipped):
    html = client.get("/tools/alpha/").content.decode()
    history = html.split('id="history-heading"')[1]
    assert "Maya Chen" in history
    assert "3 Dec 2026" in history
    assert "changed from" in history and ">Skip<" in history and ">Ship<" in history


def test_the_tool_page_lists_changes_newest_first(client, flipped):
    changed_on(flipped, Decision.SKIP, when=datetime(2027, 1, 5, tzinfo=UTC))
    history = client.get("/tools/alpha/").content.decode().split('id="history-heading"')[1]
    assert history.index("5 Jan 2027") < history.index("3 Dec 2026")


def test_changes_made_before_publication_are_not_news_for_readers(client, editor):
    tool = ToolFactory(slug="alpha")
    verdict = VerdictFactory(tool=tool, decision=Decision.SKIP, status=PublishStatus.DRAFT)
    changed_on(verdict, Decision.SHIP)
    verdict.status = PublishStatus.PUBLISHED
    verdict.save()
    html = client.get("/tools/alpha/").content.decode()
    assert "Changed from" not in html
    assert "No reviewer has changed their call" in html
    client.force_login(editor)
    assert "before publication — not public" in client.get("/tools/alpha/").content.decode()


def test_the_tool_page_reads_history_in_one_query(client, django_assert_max_num_queries):
    tool = ToolFactory(slug="alpha")
    for verdict in VerdictFactory.create_batch(8, tool=tool, decision=Decision.SKIP):
        changed_on(verdict, Decision.SHIP)
    # The view's 6 (history among them, in one query), the price history, the page cache's
    # stamp and lifetime reads, and the "Compare with" fragment (with its own stamp and
    # lifetime reads): all on this first (cold) load.
    with django_assert_max_num_queries(13):
        html = client.get("/tools/alpha/").content.decode()
    assert html.count('class="history-item"') == 8
