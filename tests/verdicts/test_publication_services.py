"""Publishing and withdrawing verdicts in bulk: history recorded, page-cache stamps moved, in
one transaction; counts say what changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.verdicts.factories import VerdictFactory
from tools.models import Tool
from verdicts.models import Verdict, VerdictPublication
from verdicts.services import publish_verdicts, save_verdict, withdraw_verdicts

pytestmark = pytest.mark.django_db


def test_a_new_verdict_starts_as_a_draft():
    assert Verdict._meta.get_field("status").default == PublishStatus.DRAFT
    assert not VerdictFactory(status=Verdict._meta.get_field("status").default).is_public


def test_publish_counts_only_what_it_changed(editor):
    draft = VerdictFactory(status=PublishStatus.DRAFT)
    live = VerdictFactory(published_at=timezone.now() - timedelta(days=2))
    outcome = publish_verdicts(verdicts=Verdict.objects.all(), editor=editor)
    assert (outcome.changed, outcome.unchanged) == (1, 1)
    draft.refresh_from_db(), live.refresh_from_db()
    assert draft.is_public
    assert live.published_at < timezone.now() - timedelta(days=1)  # its first date stands
    entry = VerdictPublication.objects.get()
    assert (entry.verdict, entry.from_status, entry.to_status) == (draft, "draft", "published")
    assert entry.changed_by == editor and entry.description == "Published"


def test_publishing_at_a_time_schedules_drafts():
    draft = VerdictFactory(status=PublishStatus.DRAFT)
    later = timezone.now() + timedelta(days=1)
    assert publish_verdicts(verdicts=Verdict.objects.all(), at=later).changed == 1
    draft.refresh_from_db()
    assert draft.is_scheduled and draft.published_at == later
    assert VerdictPublication.objects.get().description == "Scheduled"


def test_withdraw_returns_to_draft_and_records_it(editor):
    verdict = VerdictFactory()
    VerdictFactory(status=PublishStatus.DRAFT)
    outcome = withdraw_verdicts(verdicts=Verdict.objects.all(), editor=editor)
    assert (outcome.changed, outcome.unchanged) == (1, 1)
    verdict.refresh_from_db()
    assert verdict.status == PublishStatus.DRAFT
    assert VerdictPublication.objects.get().description == "Returned to draft"


def test_bulk_changes_move_the_tools_page_cache_stamps():
    verdict = VerdictFactory()
    untouched = VerdictFactory()
    before = Tool.objects.get(pk=verdict.tool_id).cache_version
    other_before = Tool.objects.get(pk=untouched.tool_id).cache_version
    withdraw_verdicts(verdicts=Verdict.objects.filter(pk=verdict.pk))
    assert Tool.objects.get(pk=verdict.tool_id).cache_version != before
    assert Tool.objects.get(pk=untouched.tool_id).cache_version == other_before


def test_nothing_to_change_moves_no_stamp():
    verdict = VerdictFactory(status=PublishStatus.DRAFT)
    before = Tool.objects.get(pk=verdict.tool_id).cache_version
    assert withdraw_verdicts(verdicts=Verdict.objects.all()).changed == 0
    assert Tool.objects.get(pk=verdict.tool_id).cache_version == before


def test_a_single_save_records_publication_too(editor):
    verdict = VerdictFactory(status=PublishStatus.DRAFT)
    assert not VerdictPublication.objects.exists()
    verdict.status = PublishStatus.PUBLISHED
    save_verdict(verdict=verdict, editor=editor)
    verdict.body = "Edited, still live."
    save_verdict(verdict=verdict, editor=editor)
    assert VerdictPublication.objects.get().to_status == "published"
