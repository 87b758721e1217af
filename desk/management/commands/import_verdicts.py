"""Create or update verdicts from a CSV file written by export_verdicts, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verdicts.transfer import ImportRefused, apply_import, plan_import


class Command(BaseCommand):
    help = (
        "Create or update verdicts from CSV (the export_verdicts format), keyed by tool and "
        "reviewer. One bad row stops the import and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file; - reads standard input.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change and write nothing."
        )

    def handle(self, *args, file: str, dry_run: bool = False, **options):
        try:
            stdin = options.get("stdin", sys.stdin)
            text = stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            raise CommandError(f"Cannot read {file}: {problem}") from problem
        try:
            plan = plan_import(text)
        except ImportRefused as problem:
            raise CommandError(str(problem)) from problem
        for change in plan.changes:
            if change.action != "unchanged":
                fields = ", ".join(change.changed_fields)
                self.stdout.write(f"Row {change.row}: {change.action} {change.label} ({fields})")
        if dry_run:
            self.stdout.write(f"Dry run: {plan.summary()}. Nothing was written.")
            return
        apply_import(plan)
        self.stdout.write(f"Imported: {plan.summary()}.")
