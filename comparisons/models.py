from __future__ import annotations

from functools import cached_property

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.publishing import Publishable, PublishableQuerySet
from core.text import CleansTextOnSave, RendersMarkdownOnSave
from tools.models import Tool

SLUG_SEPARATOR = "-vs-"


def canonical_slugs(slugs: list[str]) -> list[str]:
    """Comparison URLs list their tools in alphabetical order of slug."""
    return sorted(slugs)


def compare_path(slugs: list[str]) -> str:
    return reverse("compare", args=[SLUG_SEPARATOR.join(canonical_slugs(slugs))])


MIN_TOOLS = 2
MAX_TOOLS = 4


def lineup_key(tool_ids) -> str:
    """The set of tools as one string ("3,7,12"): the same tools in any order, the same key."""
    return ",".join(str(tool_id) for tool_id in sorted(set(tool_ids)))


class ComparisonQuerySet(PublishableQuerySet):
    def with_lineup(self):
        """Each comparison's tools in position order, ready for `lineup`: one more query."""
        return self.prefetch_related(
            models.Prefetch("entries", queryset=ComparisonTool.objects.select_related("tool"))
        )

    def for_tools(self, tools):
        """The comparison of exactly these tools, in any order."""
        return self.filter(lineup_key=lineup_key(tool.pk for tool in tools)).with_lineup()

    def involving(self, tool: Tool):
        return self.filter(entries__tool=tool)

    def latest_first(self):
        return self.with_lineup().order_by("-published_at", "-id")


class Comparison(RendersMarkdownOnSave, Publishable):
    """An editorial comparison of 2 to 4 tools that answers 'which one should you ship with?'.

    The tools, their order and each one's "ship it if…" line are ComparisonTool rows, set
    through comparisons.services.set_lineup, which also keeps `lineup_key` (the database's
    guarantee of one comparison per set of tools) in step.
    """

    tools = models.ManyToManyField(
        Tool, through="ComparisonTool", related_name="editorial_comparisons"
    )
    lineup_key = models.CharField(  # noqa: DJ001 (NULL, unlike "", is never a duplicate)
        max_length=100,
        unique=True,
        null=True,  # only between a new comparison's first save and its lineup, in one transaction
        editable=False,
        help_text="The compared tools' ids in ascending order: one comparison per set of tools.",
    )
    title = models.CharField(max_length=200)
    bottom_line = models.CharField(
        max_length=200,
        blank=True,
        help_text="The answer in one sentence, shown first on the page. Plain text.",
    )
    summary = models.TextField(
        help_text="Markdown. Answer the question: which one should you ship with, and when?"
    )
    summary_html = models.TextField(blank=True, editable=False)
    summary_text = models.TextField(blank=True, editable=False)
    is_featured = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComparisonQuerySet.as_manager()
    markdown_fields = {"summary": "summary_html"}
    plain_text_fields = {"summary_html": "summary_text"}

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title

    @cached_property
    def lineup(self) -> list[ComparisonTool]:
        """The entries in position order (prefetched by `with_lineup()`, or one query)."""
        return list(self.entries.all())

    @property
    def lineup_tools(self) -> list[Tool]:
        return [entry.tool for entry in self.lineup]

    @property
    def names(self) -> str:
        """ "Code Llama 4 vs Mistral 8B Instruct v3", in the editors' order."""
        return " vs ".join(tool.name for tool in self.lineup_tools)

    def ship_if(self, tool: Tool) -> str:
        """The editors' "ship it if…" line for `tool` ("" when none was written)."""
        return next((e.ship_if for e in self.lineup if e.tool_id == tool.pk), "")

    def get_absolute_url(self) -> str:
        return compare_path([tool.slug for tool in self.lineup_tools])


class ComparisonTool(CleansTextOnSave, models.Model):
    """One tool in an editorial comparison: its place and when to ship it."""

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="entries")
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="comparison_entries")
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TOOLS)],
        help_text="1 to 4: the order the editors list the tools in.",
    )
    ship_if = models.CharField(
        "ship it if…",
        max_length=300,
        blank=True,
        help_text=(
            "One sentence: when to ship this tool, e.g. “Ship with X when the job is code: …”. "
            "Shown first on the page; the tool's tagline stands in when empty. Plain text."
        ),
    )

    class Meta:
        ordering = ["position"]
        verbose_name = "compared tool"
        constraints = [
            models.UniqueConstraint(fields=["comparison", "tool"], name="tool_once_per_comparison"),
            models.UniqueConstraint(
                fields=["comparison", "position"], name="one_tool_per_comparison_position"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=MAX_TOOLS),
                name="comparison_position_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.tool}"
