"""The Atom feed: published comparisons and verdict changes, newest first, in three queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from comparisons.models import Comparison
from verdicts.models import Verdict

ENTRIES_PER_KIND = 30
ENTRIES = 40


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    title: str
    link: str
    html: str
    published: datetime
    updated: datetime
    author: str = ""


def _comparison_entry(comparison: Comparison) -> FeedEntry:
    return FeedEntry(
        guid=f"tag:shipboard,2025:comparison/{comparison.pk}",
        title=comparison.title,
        link=comparison.get_absolute_url(),
        html=comparison.summary_html,
        published=comparison.published_at,
        updated=max(comparison.updated_at, comparison.published_at),
    )


def _verdict_entry(verdict: Verdict) -> FeedEntry:
    # One entry per verdict: an edited verdict keeps its id and gets a new <updated> date.
    return FeedEntry(
        guid=f"tag:shipboard,2025:verdict/{verdict.pk}",
        title=(
            f"{verdict.reviewer.name} ({verdict.reviewer.title}) on {verdict.tool.name}: "
            f"{verdict.get_decision_display()}"
        ),
        link=reverse("tool_detail", args=[verdict.tool.slug])
        + f"#reviewer-{verdict.reviewer.slug}",
        html=verdict.body_html,
        published=verdict.published_at,
        updated=max(verdict.updated_at, verdict.published_at),
        author=verdict.reviewer.name,
    )


class LatestFeed(Feed):
    feed_type = Atom1Feed
    title = "Shipboard: new comparisons and verdicts"
    subtitle = "Expert panel verdicts and editorial comparisons of AI and developer tools."
    link = "/"

    def items(self) -> list[FeedEntry]:
        comparisons = (
            Comparison.objects.published().with_lineup().order_by("-updated_at")[:ENTRIES_PER_KIND]
        )
        verdicts = (
            Verdict.objects.published()
            .select_related("tool", "reviewer")
            .order_by("-updated_at")[:ENTRIES_PER_KIND]
        )
        entries = [_comparison_entry(c) for c in comparisons]
        entries += [_verdict_entry(v) for v in verdicts]
        return sorted(entries, key=lambda e: e.updated, reverse=True)[:ENTRIES]

    def item_title(self, item: FeedEntry) -> str:
        # Plain text: the feed generator escapes it once for XML ("&" becomes "&amp;").
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.html  # sanitised by nh3 when it was saved

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: FeedEntry) -> datetime:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime:
        return item.updated

    def item_author_name(self, item: FeedEntry) -> str:
        return item.author or "Shipboard editors"
