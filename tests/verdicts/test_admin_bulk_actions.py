"""The verdict list's bulk actions write through the services: readers see a withdrawal at
once, even on a cached page; messages count what actually changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from verdicts.models import Verdict, VerdictPublication

pytestmark = pytest.mark.django_db

URL = "/compare/alpha-vs-beta/"


def bulk(client, action: str, verdicts, **extra):
    return client.post(
        "/admin/verdicts/verdict/",
        {"action": action, "_selected_action": [v.pk for v in verdicts], **extra},
        follow=True,
    )


def test_a_verdict_withdrawn_in_bulk_leaves_the_cached_page_at_once(editor_client, editor):
    alpha = ToolFactory(slug="alpha", name="Alpha")
    ToolFactory(slug="beta", name="Beta")
    verdict = VerdictFactory(tool=alpha, body="Alpha earns the **ship**.")
    reader = Client()
    assert "Alpha earns the <strong>ship</strong>." in reader.get(URL).content.decode()
    assert reader.get(URL)["X-Page-Cache"] == "hit"

    response = bulk(editor_client, "return_to_draft", [verdict])
    assert "1 verdict returned to draft; readers no longer see them." in (response.content.decode())
    page = reader.get(URL)
    assert page["X-Page-Cache"] == "miss"
    assert "Alpha earns the" not in page.content.decode()
    assert VerdictPublication.objects.get().changed_by == editor


def test_publish_now_says_how_many_it_published_and_how_many_were_live(editor_client):
    drafts = [VerdictFactory(status=PublishStatus.DRAFT) for _ in range(2)]
    live = VerdictFactory()
    html = bulk(editor_client, "publish_now", [*drafts, live]).content.decode()
    assert "2 verdicts published now. 1 left as they were (already live)." in html
    assert Verdict.objects.published().count() == 3


def test_publishing_nothing_new_says_so(editor_client):
    html = bulk(editor_client, "publish_now", [VerdictFactory()]).content.decode()
    assert "0 verdicts published now. 1 left as they were (already live)." in html


def test_publish_at_asks_for_the_time_then_schedules(editor_client):
    draft = VerdictFactory(status=PublishStatus.DRAFT)
    form = bulk(editor_client, "publish_at", [draft]).content.decode()
    assert "Go public at" in form and 'name="schedule"' in form
    assert '<li aria-current="page">Publish at a set time</li>' in form
    later = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    html = bulk(
        editor_client, "publish_at", [draft], schedule="Schedule",
        at_0=later.strftime("%d/%m/%Y"), at_1=later.strftime("%H:%M"),
    ).content.decode()  # fmt: skip
    assert "1 verdict scheduled for" in html
    draft.refresh_from_db()
    assert draft.is_scheduled and draft.published_at == later


def test_publish_at_refuses_a_time_that_has_passed(editor_client):
    draft = VerdictFactory(status=PublishStatus.DRAFT)
    earlier = timezone.localtime(timezone.now() - timedelta(days=1))
    html = bulk(
        editor_client, "publish_at", [draft], schedule="Schedule",
        at_0=earlier.strftime("%d/%m/%Y"), at_1=earlier.strftime("%H:%M"),
    ).content.decode()  # fmt: skip
    assert "That time has passed" in html
    draft.refresh_from_db()
    assert draft.status == PublishStatus.DRAFT
