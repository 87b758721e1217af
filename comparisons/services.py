"""Writes to editorial comparisons that span models: a comparison's state and the page-cache
stamps of its tools change together, in one transaction, whichever path made the change."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from comparisons.models import Comparison
from comparisons.signals import tools_touched_by
from core.publishing import PublicationOutcome, plan_publication
from tools.stamps import mark_changed


def publish_comparisons(*, comparisons, at: datetime | None = None, editor=None):
    """Publish the comparisons of `comparisons` (a queryset) now, or schedule them for `at`.

    Comparisons already live keep their date and count as unchanged.
    """
    return _apply_publication(comparisons, action="publish", at=at)


def withdraw_comparisons(*, comparisons, editor=None) -> PublicationOutcome:
    """Return the comparisons of `comparisons` to draft; readers stop seeing them at once."""
    return _apply_publication(comparisons, action="withdraw", at=None)


def _apply_publication(comparisons, *, action: str, at) -> PublicationOutcome:
    with transaction.atomic():
        rows = list(
            Comparison.objects.select_for_update()
            .filter(pk__in=list(comparisons.values_list("pk", flat=True)))
            .order_by("pk")
        )
        now, by_plan, changed_tools = timezone.now(), defaultdict(list), set()
        for row in rows:
            plan = plan_publication(row, action=action, at=at, now=now)
            if plan is not None:
                by_plan[plan].append(row.pk)
                changed_tools.update(tools_touched_by(row))
        for plan, pks in by_plan.items():
            Comparison.objects.filter(pk__in=pks).update(
                status=plan.status, published_at=plan.published_at, updated_at=now
            )
        changed = sum(len(pks) for pks in by_plan.values())
        if changed:
            mark_changed(changed_tools)
        return PublicationOutcome(changed=changed, unchanged=len(rows) - changed)
