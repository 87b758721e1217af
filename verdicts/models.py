from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.urls import reverse

from core.images import SafeImageField
from core.publishing import Publishable, PublishableQuerySet, PublishStatus, published_filter
from core.text import CleansTextOnSave, RendersMarkdownOnSave, first_sentence
from tools.models import Tool
from verdicts.track_record import TrackRecordFigure


class ReviewerQuerySet(models.QuerySet):
    def with_track_record(self):
        """Annotate tools_reviewed and ship_count from published verdicts (one verdict per tool)."""
        published = published_filter("verdicts__")
        return self.annotate(
            tools_reviewed=Count("verdicts", filter=published),
            ship_count=Count("verdicts", filter=published & Q(verdicts__decision="ship")),
        )


class Reviewer(CleansTextOnSave, models.Model):
    """A persona on the expert panel."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=60, help_text='The persona, e.g. "The Builder".')
    lens = models.CharField(max_length=200, help_text="One line on what this reviewer judges.")
    bio = models.TextField(blank=True)
    # The scorecard draws avatars at 48 px (96 px for 2x screens), cropped to fill the circle.
    avatar = SafeImageField(upload_to="avatars/", blank=True, thumbnail_sizes=(48, 96))
    display_order = models.PositiveSmallIntegerField(default=0)

    objects = ReviewerQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name

    def get_absolute_url(self) -> str:
        return reverse("reviewer_detail", args=[self.slug])

    @property
    def share_shipped(self) -> TrackRecordFigure:
        """The share of this reviewer's published verdicts that say ship, under the
        small-sample rule (needs with_track_record)."""
        return TrackRecordFigure(ship_count=self.ship_count, total=self.tools_reviewed)

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class Decision(models.TextChoices):
    SHIP = "ship", "Ship"
    SKIP = "skip", "Skip"


class VerdictQuerySet(PublishableQuerySet):
    def to_rereview(self):
        """Verdicts on a version the tool has since moved past (its label differs)."""
        return (
            self.exclude(version="")
            .exclude(tool__current_version="")
            .exclude(version=F("tool__current_version"))
        )

    def for_tools(self, tools, *, include_drafts: bool = False):
        """Verdicts on these tools with reviewers and decision history, in panel order.

        Published only, unless staff are previewing drafts. The history comes in one
        prefetch query as `verdict.history`, whatever the number of verdicts.
        """
        changes = VerdictChange.objects.order_by("changed_at", "id")
        if not include_drafts:
            changes = changes.filter(was_public=True)
        return (
            self.visible(include_drafts=include_drafts)
            .filter(tool__in=tools)
            .select_related("reviewer")
            .prefetch_related(Prefetch("changes", queryset=changes, to_attr="history"))
            .order_by("reviewer__display_order", "reviewer__name", "tool_id")
        )


class Verdict(RendersMarkdownOnSave, Publishable):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="verdicts")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="verdicts")
    decision = models.CharField(max_length=4, choices=Decision.choices)
    body = models.TextField(help_text="The reviewer's reasoning, in Markdown.")
    headline = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: the verdict in one line, shown as its lead on the scorecard. "
        "Empty: the first sentence of the reasoning. Plain text.",
    )
    version = models.CharField(
        "version judged",
        max_length=40,
        blank=True,
        help_text="The tool's version this verdict is about (its current version when left empty).",
    )
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VerdictQuerySet.as_manager()
    markdown_fields = {"body": "body_html"}
    plain_text_fields = {"body_html": "body_text"}

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

    def get_absolute_url(self) -> str:
        return reverse("tool_detail", args=[self.tool.slug]) + f"#reviewer-{self.reviewer.slug}"

    @property
    def is_ship(self) -> bool:
        return self.decision == Decision.SHIP

    @cached_property
    def lead(self) -> str:
        """What the scorecard quotes: the editor's headline, else the first sentence."""
        return self.headline.strip() or first_sentence(self.body_text)

    @property
    def lead_is_partial(self) -> bool:
        """Whether the full text says more than the lead (then it sits behind <details>)."""
        return self.lead != " ".join(self.body_text.split())

    @property
    def is_out_of_date(self) -> bool:
        """The rule `to_rereview` applies in SQL, for a verdict loaded with its tool."""
        current = self.tool.current_version
        return bool(self.version and current and self.version != current)

    def save(self, *args, **kwargs):
        # A verdict judges the version readers get when it is written, unless told otherwise.
        if self._state.adding and not self.version:
            self.version = (
                Tool.objects.filter(pk=self.tool_id)
                .values_list("current_version", flat=True)
                .first()
                or ""
            )
        super().save(*args, **kwargs)


class VerdictChange(models.Model):
    """One change of a verdict's decision: when, from, to, and which editor made it.

    Written only by verdicts.services.save_verdict, in the same transaction as the change.
    """

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="changes")
    from_decision = models.CharField(max_length=4, choices=Decision.choices)
    to_decision = models.CharField(max_length=4, choices=Decision.choices)
    changed_at = models.DateTimeField(db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="editor",
    )
    was_public = models.BooleanField(
        help_text="Readers could see the verdict before this change; only such changes are "
        "shown on the site (a draft's second thoughts are not news)."
    )

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = "verdict change"
        verbose_name_plural = "verdict history"
        constraints = [
            models.CheckConstraint(
                condition=Q(from_decision__in=["ship", "skip"])
                & Q(to_decision__in=["ship", "skip"])
                & ~Q(from_decision=F("to_decision")),
                name="verdict_change_changes_the_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_decision} → {self.to_decision} at {self.changed_at:%Y-%m-%d %H:%M}"


class VerdictPublication(models.Model):
    """One change of whether readers may see a verdict: published, scheduled or withdrawn.

    Written only by verdicts.services (single saves, bulk actions, imports), in the same
    transaction as the change, so the desk can always say who published what, and when.
    """

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="publications")
    from_status = models.CharField(max_length=10, choices=PublishStatus.choices)
    to_status = models.CharField(max_length=10, choices=PublishStatus.choices)
    published_at = models.DateTimeField(
        "publish at", help_text="The verdict's publication time after this change."
    )
    changed_at = models.DateTimeField(db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="editor",
    )

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = "publication change"
        verbose_name_plural = "publication history"
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=["draft", "published"])
                & Q(to_status__in=["draft", "published"]),
                name="verdict_publication_known_statuses",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} at {self.changed_at:%Y-%m-%d %H:%M}"

    @property
    def description(self) -> str:
        """What happened, in the words the desk uses: published, scheduled, rescheduled..."""
        if self.to_status == PublishStatus.DRAFT:
            return "Returned to draft"
        if self.published_at > self.changed_at:
            return "Scheduled"
        return "Published"
