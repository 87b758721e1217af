"""Writes to the panel that span models: a verdict, its history and the page-cache stamps of
its tool change together, in one transaction, whichever path made the change (the verdict
page, the tool page's inline rows, the grid, a bulk action, an import)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from core.publishing import (
    PublicationOutcome,
    PublishStatus,
    is_public_state,
    plan_publication,
)
from tools.stamps import mark_changed
from verdicts.models import Reviewer, Verdict, VerdictChange, VerdictPublication


def save_verdict(*, verdict: Verdict, editor=None) -> VerdictChange | None:
    """Save `verdict`; record a change of decision (from, to, when, `editor`) and a change of
    publication (draft, published, scheduled) in the verdict's history.

    The stored row is read under a row lock, so two editors saving at once each record
    the state they actually replaced. The save itself moves the page-cache stamps
    (comparisons.signals), inside this transaction.
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
        now = timezone.now()
        if _publication_moved(before, verdict):
            VerdictPublication.objects.create(
                verdict=verdict,
                from_status=before["status"] if before else PublishStatus.DRAFT,
                to_status=verdict.status,
                published_at=verdict.published_at,
                changed_at=now,
                changed_by=editor,
            )
        if before is None or before["decision"] == verdict.decision:
            return None
        was_public = is_public_state(before["status"], before["published_at"], at=now)
        return VerdictChange.objects.create(
            verdict=verdict,
            from_decision=before["decision"],
            to_decision=verdict.decision,
            changed_at=now,
            changed_by=editor,
            was_public=was_public,
        )


def _publication_moved(before: dict | None, verdict: Verdict) -> bool:
    if before is None:  # a new verdict: history starts when it is first published
        return verdict.status == PublishStatus.PUBLISHED
    if before["status"] != verdict.status:
        return True
    return verdict.status == PublishStatus.PUBLISHED and before["published_at"] != (
        verdict.published_at
    )


def change_decision(*, verdict: Verdict, decision: str, editor=None) -> VerdictChange | None:
    """Set a verdict's decision (ship or skip) and record the change."""
    verdict.decision = decision
    return save_verdict(verdict=verdict, editor=editor)


def publish_verdicts(*, verdicts, at: datetime | None = None, editor=None) -> PublicationOutcome:
    """Publish the verdicts of `verdicts` (a queryset) now, or schedule them for `at`.

    Verdicts already live keep their date and count as unchanged.
    """
    return _apply_publication(verdicts, action="publish", at=at, editor=editor)


def withdraw_verdicts(*, verdicts, editor=None) -> PublicationOutcome:
    """Return the verdicts of `verdicts` (a queryset) to draft: readers stop seeing them at
    once, cached pages included."""
    return _apply_publication(verdicts, action="withdraw", at=None, editor=editor)


def _apply_publication(verdicts, *, action: str, at, editor) -> PublicationOutcome:
    with transaction.atomic():
        # Locked, and read afresh: the list page the editor acted on may be out of date.
        rows = list(
            Verdict.objects.select_for_update()
            .filter(pk__in=list(verdicts.values_list("pk", flat=True)))
            .only("pk", "tool_id", "status", "published_at")
            .order_by("pk")
        )
        now = timezone.now()
        history, changed_tools, by_plan = [], set(), defaultdict(list)
        for row in rows:
            plan = plan_publication(row, action=action, at=at, now=now)
            if plan is None:
                continue
            by_plan[plan].append(row.pk)
            history.append(
                VerdictPublication(
                    verdict_id=row.pk,
                    from_status=row.status,
                    to_status=plan.status,
                    published_at=plan.published_at,
                    changed_at=now,
                    changed_by=editor,
                )
            )
            changed_tools.add(row.tool_id)
        for plan, pks in by_plan.items():  # one UPDATE per distinct outcome
            Verdict.objects.filter(pk__in=pks).update(
                status=plan.status, published_at=plan.published_at, updated_at=now
            )
        VerdictPublication.objects.bulk_create(history)
        if changed_tools:
            mark_changed(changed_tools)
        return PublicationOutcome(changed=len(history), unchanged=len(rows) - len(history))


def enter_verdicts(
    *, entries: list[dict], new_reviewers: list[dict] = (), publish: bool, editor=None
) -> list[Verdict]:
    """Create the panel grid's new reviewers and missing verdicts together, all or nothing.

    Each entry names a `tool`, a `decision`, a `body`, a `version` and either a `reviewer` or
    the `new_reviewer_key` of one of `new_reviewers` (dicts of name, title, lens, key).
    Verdicts are drafts unless `publish`, then public now. Each goes through save_verdict.
    """
    with transaction.atomic():
        created_reviewers = {}
        next_order = (
            Reviewer.objects.aggregate(last=Max("display_order"))["last"] or 0
        )  # new reviewers join the end of the panel
        for offset, new in enumerate(new_reviewers, start=1):
            created_reviewers[new["key"]] = Reviewer.objects.create(
                name=new["name"],
                slug=slugify(new["name"]),
                title=new["title"],
                lens=new["lens"],
                display_order=next_order + offset,
            )
        now, verdicts = timezone.now(), []
        for entry in entries:
            reviewer = entry["reviewer"] or created_reviewers[entry["new_reviewer_key"]]
            verdict = Verdict(
                tool=entry["tool"],
                reviewer=reviewer,
                decision=entry["decision"],
                body=entry["body"],
                version=entry.get("version", ""),
                status=PublishStatus.PUBLISHED if publish else PublishStatus.DRAFT,
                published_at=now,
            )
            save_verdict(verdict=verdict, editor=editor)
            verdicts.append(verdict)
        return verdicts
