from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db


def test_one_verdict_per_tool_and_reviewer():
    verdict = VerdictFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(tool=verdict.tool, reviewer=verdict.reviewer)


def test_decision_must_be_ship_or_skip_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(decision="nope")


def test_body_is_rendered_once_on_save_and_sanitised():
    verdict = VerdictFactory(
        body='Run `ollama` <img src=x onerror="alert(1)"> [x](javascript:alert(1))'
    )
    assert "<code>ollama</code>" in verdict.body_html
    assert "onerror" not in verdict.body_html
    assert "javascript:" not in verdict.body_html


def test_saving_only_the_body_also_refreshes_its_html():
    verdict = VerdictFactory(body="old")
    verdict.body = "**new**"
    verdict.save(update_fields=["body"])
    verdict.refresh_from_db()
    assert verdict.body_html == "<p><strong>new</strong></p>"
    assert verdict.body_text == "new"


def test_plain_text_is_stored_on_save_without_tags_and_with_entities_decoded():
    verdict = VerdictFactory(body="Fast & *cheap*: `a < b`\n\n- one\n- two")
    verdict.refresh_from_db()
    assert verdict.body_text == "Fast & cheap: a < b one two"


def test_published_excludes_drafts_and_scheduled_verdicts():
    tool = ToolFactory()
    shown = VerdictFactory(tool=tool)
    VerdictFactory(tool=tool, status=PublishStatus.DRAFT)
    VerdictFactory(tool=tool, published_at=timezone.now() + timedelta(hours=1))
    assert list(Verdict.objects.for_tools([tool])) == [shown]


def test_for_tools_orders_by_panel_order():
    tool = ToolFactory()
    late = VerdictFactory(tool=tool, reviewer=ReviewerFactory(display_order=9))
    early = VerdictFactory(tool=tool, reviewer=ReviewerFactory(display_order=1))
    assert list(Verdict.objects.for_tools([tool])) == [early, late]
