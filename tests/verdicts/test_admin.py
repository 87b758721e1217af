"""The panel in the admin: verdict page, verdicts inline on the tool page, history, publishing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.editing import publication_choice
from core.publishing import PublishStatus
from tests.desk.forms import publish_fields, tool_form, verdict_row
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Decision, Verdict, VerdictChange
from verdicts.services import change_decision

pytestmark = pytest.mark.django_db


def verdict_form(verdict, **fields) -> dict:
    data = {
        "tool": verdict.tool_id, "reviewer": verdict.reviewer_id, "decision": verdict.decision,
        "body": verdict.body, "publication": publication_choice(verdict),
        **publish_fields(verdict.published_at),
        # the read-only history inline still sends its management form
        "changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0",
        "publications-TOTAL_FORMS": "0", "publications-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(fields)
    return data


def test_changing_a_decision_on_the_verdict_page_records_the_editor(editor_client, editor):
    verdict = VerdictFactory(decision=Decision.SKIP)
    response = editor_client.post(
        f"/admin/verdicts/verdict/{verdict.pk}/change/", verdict_form(verdict, decision="ship")
    )
    assert response.status_code == 302
    change = VerdictChange.objects.get()
    assert (change.verdict, change.from_decision, change.to_decision) == (verdict, "skip", "ship")
    assert change.changed_by == editor


def test_changing_a_decision_in_the_tool_page_inline_records_it_too(editor_client, editor):
    verdict = VerdictFactory(decision=Decision.SHIP)
    tool = verdict.tool
    response = editor_client.post(
        f"/admin/tools/tool/{tool.pk}/change/",
        tool_form(tool, verdicts=[verdict_row(verdict, decision="skip")]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    change = VerdictChange.objects.get()
    assert (change.from_decision, change.to_decision, change.changed_by) == ("ship", "skip", editor)


def test_adding_a_verdict_inline_is_not_a_change(editor_client):
    tool, reviewer = ToolFactory(), ReviewerFactory()
    response = editor_client.post(
        f"/admin/tools/tool/{tool.pk}/change/",
        tool_form(tool, verdicts=[verdict_row(reviewer=reviewer.pk, body="**Yes**")]),
    )
    assert response.status_code == 302
    assert Verdict.objects.get().body_html == "<p><strong>Yes</strong></p>"
    assert not VerdictChange.objects.exists()


def test_a_reviewer_gets_one_verdict_row_per_tool(editor_client):
    tool, reviewer = ToolFactory(), ReviewerFactory()
    ReviewerFactory()  # room for two rows
    rows = [verdict_row(reviewer=reviewer.pk), verdict_row(reviewer=reviewer.pk, decision="skip")]
    response = editor_client.post(
        f"/admin/tools/tool/{tool.pk}/change/", tool_form(tool, verdicts=rows)
    )
    assert response.status_code == 200
    assert "Please correct the duplicate data for reviewer." in response.content.decode()
    assert not Verdict.objects.exists()


def test_a_second_verdict_for_the_same_reviewer_and_tool_is_refused_on_the_verdict_page(
    editor_client,
):
    existing = VerdictFactory()
    response = editor_client.post(
        "/admin/verdicts/verdict/add/", verdict_form(existing, body="Again")
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Verdict.objects.count() == 1


def test_the_verdict_page_shows_its_history_read_only(editor_client):
    verdict = VerdictFactory(decision=Decision.SKIP)
    change_decision(verdict=verdict, decision=Decision.SHIP)
    html = editor_client.get(f"/admin/verdicts/verdict/{verdict.pk}/change/").content.decode()
    assert "Decision history" in html
    assert "changes-0-from_decision" not in html  # no editable history fields
    assert ">Skip<" in html and ">Ship<" in html


def test_history_cannot_be_written_or_deleted_by_hand(editor_client, admin_client):
    verdict = VerdictFactory(decision=Decision.SKIP)
    change = change_decision(verdict=verdict, decision=Decision.SHIP)
    for client in [editor_client, admin_client]:
        assert client.get("/admin/verdicts/verdictchange/add/").status_code == 403
        url = f"/admin/verdicts/verdictchange/{change.pk}/delete/"
        assert client.post(url, {"post": "yes"}).status_code == 403
    assert VerdictChange.objects.count() == 1


def test_the_list_says_draft_scheduled_or_live(editor_client):
    VerdictFactory(status=PublishStatus.DRAFT)
    VerdictFactory(published_at=timezone.now() + timedelta(days=3))
    VerdictFactory()
    html = editor_client.get("/admin/verdicts/verdict/").content.decode()
    assert "Draft — not public" in html
    assert "Scheduled — not public until" in html
    assert ">Live<" in html


def test_publish_now_makes_drafts_and_scheduled_verdicts_public(editor_client):
    draft = VerdictFactory(status=PublishStatus.DRAFT)
    scheduled = VerdictFactory(published_at=timezone.now() + timedelta(days=3))
    response = editor_client.post(
        "/admin/verdicts/verdict/",
        {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]},
    )
    assert response.status_code == 302
    assert Verdict.objects.published().count() == 2


def test_return_to_draft_hides_a_verdict(editor_client):
    verdict = VerdictFactory()
    editor_client.post(
        "/admin/verdicts/verdict/", {"action": "return_to_draft", "_selected_action": [verdict.pk]}
    )
    assert not Verdict.objects.published().exists()


def test_visibility_filter_lists_only_scheduled_verdicts(editor_client):
    VerdictFactory(body="live one")
    VerdictFactory(published_at=timezone.now() + timedelta(days=3), body="future one")
    html = editor_client.get("/admin/verdicts/verdict/?visibility=scheduled").content.decode()
    assert "1 verdict" in html
