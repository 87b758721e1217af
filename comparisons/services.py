"""Writes to editorial comparisons that span models: the lineup of tools and its key, and a
comparison's state with the page-cache stamps of its tools, change together in one
transaction, whichever path (admin, imports, commands) made the change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from comparisons.models import MAX_TOOLS, MIN_TOOLS, Comparison, ComparisonTool, lineup_key
from comparisons.signals import tools_touched_by
from core.publishing import PublicationOutcome, plan_publication
from core.text import clean_text
from tools.models import Tool
from tools.stamps import mark_changed


def lineup_problem(tools: Sequence[Tool], *, comparison: Comparison | None = None) -> str:
    """Why these tools cannot make up `comparison` (a new one when None); empty when they can."""
    ids = [tool.pk for tool in tools]
    if len(set(ids)) != len(ids):
        return "The same tool is listed twice. Each tool appears once in a comparison."
    if not MIN_TOOLS <= len(ids) <= MAX_TOOLS:
        return f"A comparison has {MIN_TOOLS} to {MAX_TOOLS} tools; this one has {len(ids)}."
    taken = Comparison.objects.filter(lineup_key=lineup_key(ids))
    if comparison is not None and comparison.pk:
        taken = taken.exclude(pk=comparison.pk)
    existing = taken.first()
    if existing is not None:
        return f"These tools already have a comparison: “{existing.title}”. Edit that one instead."
    return ""


@transaction.atomic
def set_lineup(comparison: Comparison, lineup: Sequence[tuple[Tool, str]]) -> Comparison:
    """Make `comparison` compare exactly these tools, in this order, with these "ship it if…"
    lines. `comparison` is saved (created when new). Raises ValidationError with a reader's
    message when the tools cannot be compared this way."""
    tools = [tool for tool, _ in lineup]
    problem = lineup_problem(tools, comparison=comparison)
    if problem:
        raise ValidationError(problem)
    comparison.lineup_key = lineup_key(tool.pk for tool in tools)
    try:
        with transaction.atomic():
            comparison.save()
    except IntegrityError as error:  # another editor saved the same tools a moment ago
        raise ValidationError("These tools already have a comparison.") from error
    ComparisonTool.objects.filter(comparison=comparison).delete()
    ComparisonTool.objects.bulk_create(
        ComparisonTool(
            comparison=comparison, tool=tool, position=position, ship_if=clean_text(ship_if)
        )
        for position, (tool, ship_if) in enumerate(lineup, start=1)
    )
    with suppress(AttributeError):
        del comparison.lineup  # the cached lineup is the old one
    comparison.save(update_fields=["updated_at"])  # moves the page-cache stamps of every tool
    return comparison


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
