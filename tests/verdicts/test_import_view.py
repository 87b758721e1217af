"""The admin import: upload, see every change, apply; a bad file is a clear 400."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Verdict
from verdicts.transfer import export_csv

pytestmark = pytest.mark.django_db
URL = "/admin/verdicts/verdict/import/"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("verdicts.csv", text.encode(), content_type="text/csv")


def test_preview_shows_changes_and_writes_nothing_until_applied(editor_client, editor):
    verdict = VerdictFactory(decision="ship")
    text = export_csv(Verdict.objects.all()).replace(",ship,", ",skip,")
    preview = editor_client.post(URL, {"file": upload(text)})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "0 to create, 1 to update, 0 unchanged" in html and "decision" in html
    assert Verdict.objects.get().decision == "ship"
    applied = editor_client.post(URL, {"csv_text": text, "apply": "Apply"}, follow=True)
    assert "Imported: 0 to create, 1 to update, 0 unchanged." in applied.content.decode()
    verdict.refresh_from_db()
    assert verdict.decision == "skip" and verdict.changes.get().changed_by == editor


def test_a_bad_row_is_refused_with_its_number(editor_client):
    reviewer = ReviewerFactory()
    text = (
        "tool,reviewer,decision,version,status,published_at,body\n"
        f"ghost,{reviewer.slug},ship,,draft,2026-11-20T09:00:00Z,x\n"
    )
    response = editor_client.post(URL, {"file": upload(text)})
    assert response.status_code == 400
    assert "Row 1: unknown tool &#x27;ghost&#x27;" in response.content.decode()


def test_the_list_links_to_the_import(editor_client):
    assert URL in editor_client.get("/admin/verdicts/verdict/").content.decode()


def test_the_import_page_sits_under_the_verdict_list(editor_client):
    html = editor_client.get(URL).content.decode()
    assert '<a href="/admin/verdicts/verdict/">Verdicts</a>' in html
    assert '<li aria-current="page">Import</li>' in html
