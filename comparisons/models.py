from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse

from core.publishing import Publishable, PublishableQuerySet
from core.text import RendersMarkdownOnSave
from tools.models import Tool

SLUG_SEPARATOR = "-vs-"


def canonical_slugs(slugs: list[str]) -> list[str]:
    """Comparison URLs list their tools in alphabetical order of slug."""
    return sorted(slugs)


def compare_path(slugs: list[str]) -> str:
    return reverse("compare", args=[SLUG_SEPARATOR.join(canonical_slugs(slugs))])


class ComparisonQuerySet(PublishableQuerySet):
    def for_pair(self, first: Tool, second: Tool):
        """This pair's comparison, either way round."""
        return self.filter(
            Q(tool_a=first, tool_b=second) | Q(tool_a=second, tool_b=first)
        ).select_related("tool_a", "tool_b")

    def involving(self, tool: Tool):
        return self.filter(Q(tool_a=tool) | Q(tool_b=tool))

    def latest_first(self):
        return self.select_related("tool_a", "tool_b").order_by("-published_at", "-id")


class Comparison(RendersMarkdownOnSave, Publishable):
    """An editorial pairing of two tools that answers 'which one should you ship with?'."""

    tool_a = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    tool_b = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
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
        constraints = [
            models.CheckConstraint(
                condition=~Q(tool_a=F("tool_b")), name="comparison_tools_differ"
            ),
            # One comparison per unordered pair: (a, b) and (b, a) collide.
            models.UniqueConstraint(
                Least("tool_a", "tool_b"),
                Greatest("tool_a", "tool_b"),
                name="one_comparison_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return compare_path([self.tool_a.slug, self.tool_b.slug])
