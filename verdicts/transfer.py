"""Verdicts as CSV: export, and an all-or-nothing import that writes through the services.

One row per verdict, keyed by tool slug and reviewer slug. An unchanged export imports as no
change; one bad row stops the whole import with a message naming the row and the problem.
Used by the export_verdicts / import_verdicts commands and the admin's import page.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.publishing import PublishStatus
from tools.models import Tool
from verdicts.models import Decision, Reviewer, Verdict
from verdicts.services import save_verdict

COLUMNS = ["tool", "reviewer", "decision", "version", "status", "published_at", "body"]
COMPARED_FIELDS = ["decision", "version", "status", "published_at", "body"]
MAX_ROWS = 5_000


class ImportRefused(Exception):
    """The file cannot be imported; the message says which row and why. Nothing was written."""


@dataclass
class RowChange:
    row: int
    verdict: Verdict
    action: str  # "create", "update" or "unchanged"
    changed_fields: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.verdict.reviewer.name} on {self.verdict.tool.name}"


@dataclass
class ImportPlan:
    changes: list[RowChange]

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def has_changes(self) -> bool:
        return any(change.action != "unchanged" for change in self.changes)

    def summary(self) -> str:
        return (
            f"{self.count('create')} to create, {self.count('update')} to update, "
            f"{self.count('unchanged')} unchanged"
        )


def export_csv(verdicts) -> str:
    """Every verdict of `verdicts` as CSV text, tools and reviewers by slug."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for verdict in verdicts.select_related("tool", "reviewer").order_by(
        "tool__slug", "reviewer__slug"
    ):
        writer.writerow(
            [
                verdict.tool.slug,
                verdict.reviewer.slug,
                verdict.decision,
                verdict.version,
                verdict.status,
                verdict.published_at.astimezone(UTC).isoformat(),
                verdict.body,
            ]
        )
    return out.getvalue()


def plan_import(text: str) -> ImportPlan:
    """Read and check every row; say what each would do. Raises ImportRefused on any problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [name for name in COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise ImportRefused(
            f"The first line must name the columns {', '.join(COLUMNS)}; "
            f"missing: {', '.join(missing)}."
        )
    records = list(reader)
    if not records:
        raise ImportRefused("The file has a header line but no verdicts.")
    if len(records) > MAX_ROWS:
        raise ImportRefused(f"The file has {len(records):,} rows; at most {MAX_ROWS:,} at once.")
    tools = Tool.objects.in_bulk([r["tool"] for r in records], field_name="slug")
    reviewers = Reviewer.objects.in_bulk([r["reviewer"] for r in records], field_name="slug")
    existing = {
        (v.tool_id, v.reviewer_id): v
        for v in Verdict.objects.filter(
            tool__in=tools.values(), reviewer__in=reviewers.values()
        ).select_related("tool", "reviewer")
    }
    seen, changes = {}, []
    for number, record in enumerate(records, start=1):
        values = _checked_values(number, record, tools, reviewers)
        key = (values["tool"].pk, values["reviewer"].pk)
        if key in seen:
            raise ImportRefused(
                f"Row {number}: {record['reviewer']} on {record['tool']} again "
                f"(already in row {seen[key]}); one verdict per reviewer and tool."
            )
        seen[key] = number
        changes.append(_row_change(number, values, existing.get(key)))
    return ImportPlan(changes)


def _checked_values(number: int, record: dict, tools: dict, reviewers: dict) -> dict:
    def refuse(problem: str):
        raise ImportRefused(f"Row {number}: {problem}. Nothing was imported.")

    if None in record or any(record[name] is None for name in COLUMNS):
        refuse(f"it has {len([v for v in record.values() if v is not None])} cells, "
               f"not {len(COLUMNS)}")  # fmt: skip
    tool, reviewer = tools.get(record["tool"]), reviewers.get(record["reviewer"])
    if tool is None:
        refuse(f"unknown tool {record['tool']!r}")
    if reviewer is None:
        refuse(f"unknown reviewer {record['reviewer']!r}")
    if record["decision"] not in Decision.values:
        refuse(f"decision {record['decision']!r} is not ship or skip")
    if record["status"] not in PublishStatus.values:
        refuse(f"status {record['status']!r} is not draft or published")
    if len(record["version"]) > Verdict._meta.get_field("version").max_length:
        refuse("the version is longer than 40 characters")
    if not record["body"].strip():
        refuse("the body is empty")
    try:
        published_at = parse_datetime(record["published_at"].strip())
    except ValueError:
        published_at = None
    if published_at is None:
        refuse(
            f"published_at {record['published_at']!r} is not a date and time "
            "like 2026-11-20T09:00:00+00:00"
        )
    if timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    return {
        "tool": tool,
        "reviewer": reviewer,
        "decision": record["decision"],
        "version": record["version"].strip(),
        "status": record["status"],
        "published_at": published_at,
        "body": record["body"],
    }


def _row_change(number: int, values: dict, verdict: Verdict | None) -> RowChange:
    if verdict is None:
        return RowChange(number, Verdict(**values), "create", list(COMPARED_FIELDS))
    # An empty version keeps the stored one (a new verdict takes the tool's current version).
    changed = [
        name
        for name in COMPARED_FIELDS
        if getattr(verdict, name) != values[name] and (name != "version" or values[name])
    ]
    for name in changed:
        setattr(verdict, name, values[name])
    return RowChange(number, verdict, "update" if changed else "unchanged", changed)


def apply_import(plan: ImportPlan, *, editor=None) -> ImportPlan:
    """Write the plan's creates and updates through save_verdict, all or nothing."""
    with transaction.atomic():
        for change in plan.changes:
            if change.action != "unchanged":
                save_verdict(verdict=change.verdict, editor=editor)
    return plan
