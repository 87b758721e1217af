from __future__ import annotations

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from compare_site.publishing import Publishable, PublishableQuerySet, PublishStatus
from compare_site.text import RendersMarkdownOnSave
from tools.models import Tool


class ReviewerQuerySet(models.QuerySet):
    def with_track_record(self):
        """Annotate tools_reviewed and ship_count from published verdicts (one verdict per tool)."""
        published = Q(
            verdicts__status=PublishStatus.PUBLISHED, verdicts__published_at__lte=timezone.now()
        )
        return self.annotate(
            tools_reviewed=Count("verdicts", filter=published),
            ship_count=Count("verdicts", filter=published & Q(verdicts__decision="ship")),
        )


class Reviewer(models.Model):
    """A persona on the expert panel."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=60, help_text='The persona, e.g. "The Builder".')
    lens = models.CharField(max_length=200, help_text="One line on what this reviewer judges.")
    bio = models.TextField(blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    objects = ReviewerQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name

    def get_absolute_url(self) -> str:
        return reverse("reviewer_detail", args=[self.slug])

    @property
    def ship_percent(self) -> int | None:
        """Share of this reviewer's published verdicts that say ship (needs with_track_record)."""
        if not self.tools_reviewed:
            return None
        return round(100 * self.ship_count / self.tools_reviewed)

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class Decision(models.TextChoices):
    SHIP = "ship", "Ship"
    SKIP = "skip", "Skip"


class VerdictQuerySet(PublishableQuerySet):
    def for_tools(self, tools):
        """Published verdicts on these tools, with their reviewers, in panel order."""
        return (
            self.published()
            .filter(tool__in=tools)
            .select_related("reviewer")
            .order_by("reviewer__display_order", "reviewer__name", "tool_id")
        )


class Verdict(RendersMarkdownOnSave, Publishable):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="verdicts")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="verdicts")
    decision = models.CharField(max_length=4, choices=Decision.choices)
    body = models.TextField(help_text="The reviewer's reasoning, in Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VerdictQuerySet.as_manager()
    markdown_fields = {"body": "body_html"}

    class Meta:
        ordering = ["reviewer__display_order", "tool__name"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "reviewer"], name="one_verdict_per_reviewer"),
            models.CheckConstraint(
                condition=Q(decision__in=["ship", "skip"]), name="verdict_decision_ship_or_skip"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer.name} on {self.tool.name}: {self.get_decision_display()}"

    @property
    def is_ship(self) -> bool:
        return self.decision == Decision.SHIP
