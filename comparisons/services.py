"""Writes to editorial comparisons. Every path (admin, imports, commands) goes through here, so
the lineup key that keeps one comparison per set of tools can never fall out of step."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from comparisons.models import MAX_TOOLS, MIN_TOOLS, Comparison, ComparisonTool, lineup_key
from tools.models import Tool


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
        ComparisonTool(comparison=comparison, tool=tool, position=position, ship_if=ship_if)
        for position, (tool, ship_if) in enumerate(lineup, start=1)
    )
    with suppress(AttributeError):
        del comparison.lineup  # the cached lineup is the old one
    comparison.save(update_fields=["updated_at"])  # moves the page-cache stamps of every tool
    return comparison
