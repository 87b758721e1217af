"""Writes to the panel that span models: a verdict and its decision history change together."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.publishing import PublishStatus
from verdicts.models import Verdict, VerdictChange


def save_verdict(*, verdict: Verdict, editor=None) -> VerdictChange | None:
    """Save `verdict`; if its decision changed, record from, to, when and `editor`.

    The stored row is read under a row lock, so two editors saving at once each record
    the decision they actually replaced. Every path that changes a decision (the admin's
    verdict page, the tool page's inline rows, code) goes through here.
    """
    with transaction.atomic():
        before = None
        if verdict.pk is not None:
            before = (
                Verdict.objects.select_for_update()
                .filter(pk=verdict.pk)
                .values("decision", "status", "published_at")
                .first()
            )
        verdict.save()
        if before is None or before["decision"] == verdict.decision:
            return None
        now = timezone.now()
        was_public = before["status"] == PublishStatus.PUBLISHED and before["published_at"] <= now
        return VerdictChange.objects.create(
            verdict=verdict,
            from_decision=before["decision"],
            to_decision=verdict.decision,
            changed_at=now,
            changed_by=editor,
            was_public=was_public,
        )


def change_decision(*, verdict: Verdict, decision: str, editor=None) -> VerdictChange | None:
    """Set a verdict's decision (ship or skip) and record the change."""
    verdict.decision = decision
    return save_verdict(verdict=verdict, editor=editor)
