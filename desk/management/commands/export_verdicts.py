"""Print every verdict as CSV (tool, reviewer, decision, version, status, published_at, body)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from comparisons.selection import compare_request_problem, split_slugs, well_formed
from tools.models import Tool
from verdicts.models import Verdict
from verdicts.transfer import export_csv


class Command(BaseCommand):
    help = (
        "Print verdicts as CSV to standard output, one row per verdict, tools and reviewers by "
        "slug. import_verdicts reads the same format back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--comparison",
            metavar="SLUG",
            help="Only the verdicts on this comparison's tools, named as in its URL "
            "(code-llama-4-vs-mistral-8b-instruct-v3).",
        )

    def handle(self, *args, comparison=None, **options):
        verdicts = Verdict.objects.all()
        if comparison is not None:
            verdicts = verdicts.filter(tool__in=comparison_tools(comparison))
        self.stdout.write(export_csv(verdicts), ending="")


def comparison_tools(comparison: str) -> list[Tool]:
    requested = split_slugs(comparison)
    problem = compare_request_problem(requested)
    if problem:
        raise CommandError(f"--comparison {comparison!r}: {problem}")
    tools = list(Tool.objects.by_slugs(well_formed(requested)))
    unknown = sorted(set(requested) - {tool.slug for tool in tools})
    if unknown:
        raise CommandError(f"--comparison {comparison!r}: no tool {', '.join(unknown)}.")
    return tools
