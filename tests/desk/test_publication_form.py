"""Publishing is an explicit choice on every admin form: new things start as drafts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.desk.forms import publish_fields
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db

EMPTY_INLINES = {
    "changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0",
    "publications-TOTAL_FORMS": "0", "publications-INITIAL_FORMS": "0",
}  # fmt: skip


def add_verdict(client, **fields):
    tool, reviewer = ToolFactory(), ReviewerFactory()
    data = {"tool": tool.pk, "reviewer": reviewer.pk, "decision": "ship", "body": "Ships.",
            **EMPTY_INLINES, **fields}  # fmt: skip
    return client.post("/admin/verdicts/verdict/add/", data)


def test_the_add_form_starts_on_draft(editor_client):
    html = editor_client.get("/admin/verdicts/verdict/add/").content.decode()
    assert 'value="draft" class="publication-choice" required id="id_publication_0" checked' in html


def test_saving_as_draft_keeps_it_from_readers(editor_client):
    assert add_verdict(editor_client, publication="draft").status_code == 302
    assert Verdict.objects.get().status == PublishStatus.DRAFT


def test_publish_now_ignores_a_stale_date_in_the_form(editor_client):
    old = timezone.now() - timedelta(days=30)
    response = add_verdict(editor_client, publication="now", **publish_fields(old))
    assert response.status_code == 302
    verdict = Verdict.objects.get()
    assert verdict.is_public and verdict.published_at > timezone.now() - timedelta(minutes=1)


def test_a_scheduled_time_must_be_to_come(editor_client):
    past = timezone.now() - timedelta(hours=1)
    response = add_verdict(editor_client, publication="at", **publish_fields(past))
    assert response.status_code == 200
    assert "That time has passed" in response.content.decode()
    assert not Verdict.objects.exists()


def test_scheduling_sets_the_time(editor_client):
    later = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    assert add_verdict(editor_client, publication="at", **publish_fields(later)).status_code == 302
    verdict = Verdict.objects.get()
    assert verdict.is_scheduled and verdict.published_at == later


def test_republishing_a_live_verdict_keeps_its_date(editor_client):
    first = timezone.now() - timedelta(days=10)
    verdict = VerdictFactory(published_at=first)
    data = {"tool": verdict.tool_id, "reviewer": verdict.reviewer_id, "decision": "skip",
            "body": "Changed.", "publication": "now", **publish_fields(),
            **EMPTY_INLINES}  # fmt: skip
    response = editor_client.post(f"/admin/verdicts/verdict/{verdict.pk}/change/", data)
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.published_at == first
