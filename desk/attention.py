"""What needs an editor, read once for the desk page: drafts, scheduled items, verdicts to
re-review, tools missing verdicts from some reviewers, and held votes and picks (from votes
and picks)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone

from comparisons.models import Comparison
from core.publishing import PublishStatus, scheduled_filter
from picks.models import PickNetworkDay
from tools.models import Tool
from verdicts.models import Reviewer, Verdict
from votes.models import NetworkDay

LIST_LIMIT = 50


@dataclass
class Section:
    key: str
    title: str
    items: list
    total: int
    hint: str = ""


def _limited(queryset) -> tuple[list, int]:
    items = list(queryset[: LIST_LIMIT + 1])
    total = len(items) if len(items) <= LIST_LIMIT else queryset.count()
    return items[:LIST_LIMIT], total


def drafts() -> Section:
    verdicts, n_verdicts = _limited(
        Verdict.objects.filter(status=PublishStatus.DRAFT)
        .select_related("tool", "reviewer")
        .order_by("-updated_at")
    )
    comparisons, n_comparisons = _limited(
        Comparison.objects.filter(status=PublishStatus.DRAFT).order_by("-updated_at")
    )
    return Section(
        "drafts",
        "Drafts",
        [*comparisons, *verdicts],
        n_verdicts + n_comparisons,
        "Not public. Publish them from their page or the list's bulk actions.",
    )


def scheduled() -> Section:
    now = timezone.now()
    verdicts, n_verdicts = _limited(
        Verdict.objects.filter(scheduled_filter(at=now))
        .select_related("tool", "reviewer")
        .order_by("published_at")
    )
    comparisons, n_comparisons = _limited(
        Comparison.objects.filter(scheduled_filter(at=now)).order_by("published_at")
    )
    items = sorted([*comparisons, *verdicts], key=lambda item: item.published_at)
    return Section(
        "scheduled", "Scheduled", items, n_verdicts + n_comparisons, "They go public by themselves."
    )


def to_rereview() -> Section:
    verdicts, total = _limited(
        Verdict.objects.to_rereview()
        .select_related("tool", "reviewer")
        .order_by("tool__name", "reviewer__display_order")
    )
    return Section(
        "rereview",
        "Verdicts to re-review",
        verdicts,
        total,
        "The tool's current version has moved past the version these verdicts judged.",
    )


def tools_missing_verdicts() -> Section:
    """Tools some reviewers have judged and others not: the panel is incomplete."""
    panel = list(Reviewer.objects.all())
    tools, total = _limited(
        Tool.objects.annotate(judged=Count("verdicts"))
        .filter(judged__gt=0, judged__lt=len(panel))
        .prefetch_related(Prefetch("verdicts", queryset=Verdict.objects.only("tool", "reviewer")))
        .order_by("name")
    )
    for tool in tools:
        judged_by = {verdict.reviewer_id for verdict in tool.verdicts.all()}
        tool.missing_reviewers = [r for r in panel if r.pk not in judged_by]
    return Section(
        "missing",
        "Tools missing verdicts",
        tools,
        total,
        "Some reviewers have judged these tools and others not yet.",
    )


def held_votes() -> Section:
    """Groups of votes from one network held for review (votes.models, the crowd's floor)."""
    groups, total = _limited(NetworkDay.objects.needs_review())
    return Section(
        "held",
        "Held votes",
        groups,
        total,
        "Votes past one network's daily cap wait here: count or void them as a group.",
    )


def held_picks() -> Section:
    """Groups of head-to-head picks from one network held for review (picks.models)."""
    groups, total = _limited(PickNetworkDay.objects.needs_review())
    return Section(
        "held-picks",
        "Held picks",
        groups,
        total,
        "Picks past one network's daily cap on a pair wait here: count or void them as a group.",
    )


def desk_sections() -> list[Section]:
    return [
        drafts(),
        scheduled(),
        to_rereview(),
        tools_missing_verdicts(),
        held_votes(),
        held_picks(),
    ]
