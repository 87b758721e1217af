"""What the next issue says: everything published that no earlier issue has covered.

The digest is assembled from SOURCES, one function per kind of news. Each returns a section
(or None when it has nothing new) and names its entries by (kind, object id); the issue
records those pairs in IssueEntry, unique per pair, so nothing goes out in two issues, and a
backdated or late-published item is still picked up by the next issue.

To add a source (e.g. panel decision changes, once the decision-history model lands): write
`def decision_changes(window: Window) -> DigestSection | None` below, following
`verdict_changes`, give its entries their own `kind` (e.g. "decision_change" keyed by the
history row's id, filtered with `window.not_yet_sent(queryset, "decision_change")` and
`changed_at__lte=window.cut_off`), and append it to SOURCES. The templates render any section.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.template.defaultfilters import truncatewords_html
from django.template.loader import render_to_string
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from comparisons.models import Comparison, compare_path
from picks.figures import pair_result
from picks.models import PreferenceFlip
from verdicts.models import Verdict

LIST_NAME = "Weekly AI Tool Verdicts"
SUMMARY_WORDS = 60
VERDICT_WORDS = 40
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)>", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """Readable plain text from sanitised HTML: one paragraph per block, entities decoded."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n\n", markup))).strip()


def summary(markup: str, words: int) -> tuple[str, SafeString]:
    """(text, html) of the first `words` words of a sanitised HTML summary."""
    # The HTML was sanitised by nh3 on save; truncation only closes the tags it cuts.
    shortened = mark_safe(truncatewords_html(markup, words))
    return html_to_text(shortened), shortened


@dataclass(frozen=True)
class DigestEntry:
    kind: str
    object_id: int
    title: str
    url: str
    summary_text: str
    # Sanitised once on save (core.text.render_markdown), then only truncated.
    summary_html: SafeString
    published_at: datetime
    link_label: str
    label: str = ""  # a decision, e.g. "Ship"

    @property
    def summary_block(self) -> str:
        """The plain-text summary wrapped at 72 columns and indented under its title."""
        paragraphs = [part for part in self.summary_text.split("\n\n") if part.strip()]
        return "\n\n".join(
            textwrap.fill(
                " ".join(part.split()),
                72,
                initial_indent="  ",
                subsequent_indent="  ",
                break_on_hyphens=False,
            )
            for part in paragraphs
        )


@dataclass(frozen=True)
class DigestSection:
    heading: str
    entries: tuple[DigestEntry, ...]


@dataclass(frozen=True)
class Window:
    """The moment an issue is cut, and what earlier issues already covered."""

    cut_off: datetime
    covered: Callable[[str], object] = field(repr=False)

    def not_yet_sent(self, queryset, kind: str):
        return queryset.exclude(pk__in=self.covered(kind))


@dataclass(frozen=True)
class Digest:
    number: int
    cut_off: datetime
    sections: tuple[DigestSection, ...]

    @property
    def entries(self) -> list[DigestEntry]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def subject(self) -> str:
        entries = self.entries
        lead = next((entry for entry in entries if entry.kind == "comparison"), entries[0])
        more = len(entries) - 1
        headline = f"{lead.title}, plus {more} more" if more else lead.title
        return f"{LIST_NAME} #{self.number}: {headline}"

    def render(self) -> tuple[str, str]:
        """The issue's own content as (text, html), without any subscriber's details."""
        context = {"digest": self, "site_url": settings.SITE_URL}
        text = render_to_string("newsletter/email/digest_content.txt", context)
        html = render_to_string("newsletter/email/digest_content.html", context)
        return text.strip() + "\n", html.strip() + "\n"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def new_comparisons(window: Window) -> DigestSection | None:
    comparisons = window.not_yet_sent(
        Comparison.objects.published().filter(published_at__lte=window.cut_off), "comparison"
    ).with_lineup()
    entries = []
    for comparison in comparisons.order_by("published_at", "pk"):
        text, markup = summary(comparison.summary_html, SUMMARY_WORDS)
        entries.append(
            DigestEntry(
                kind="comparison",
                object_id=comparison.pk,
                title=comparison.names,
                url=absolute(comparison.get_absolute_url()),
                summary_text=text,
                summary_html=markup,
                published_at=comparison.published_at,
                link_label="Read the comparison",
            )
        )
    return DigestSection("New comparisons", tuple(entries)) if entries else None


def verdict_changes(window: Window) -> DigestSection | None:
    """Verdicts the panel published since the last issue (the first issue: all of them)."""
    verdicts = window.not_yet_sent(
        Verdict.objects.published().filter(published_at__lte=window.cut_off), "verdict"
    ).select_related("tool", "reviewer")
    entries = []
    for verdict in verdicts.order_by("tool__name", "reviewer__display_order", "reviewer__name"):
        text, markup = summary(verdict.body_html, VERDICT_WORDS)
        entries.append(
            DigestEntry(
                kind="verdict",
                object_id=verdict.pk,
                title=f"{verdict.reviewer.name} on {verdict.tool.name}",
                url=absolute(verdict.tool.get_absolute_url()),
                summary_text=text,
                summary_html=markup,
                published_at=verdict.published_at,
                link_label=f"Every verdict on {verdict.tool.name}",
                label=verdict.get_decision_display(),
            )
        )
    return DigestSection("Verdict changes", tuple(entries)) if entries else None


def preference_flips(window: Window) -> DigestSection | None:
    """Pairs whose head-to-head leader changed since the last issue that mentioned them.

    Flips are noted by the ranking fits (picks/rankings.py). A pair that flipped and flipped
    back before this issue has nothing to report; its flips stay unsent, and count again only
    until the next one that is sent.
    """
    covered = set(window.covered("preference_flip"))
    flips = PreferenceFlip.objects.filter(flipped_at__lte=window.cut_off).select_related(
        "tool_a", "tool_b", "from_leader", "to_leader"
    )
    pending: dict[tuple[int, int], list[PreferenceFlip]] = {}
    for flip in flips.order_by("flipped_at", "pk"):
        pair = (flip.tool_a_id, flip.tool_b_id)
        if flip.pk in covered:
            pending[pair] = []  # already reported: what matters is what changed after it
        else:
            pending.setdefault(pair, []).append(flip)
    entries = []
    for run in pending.values():
        if not run or run[0].from_leader_id == run[-1].to_leader_id:
            continue
        latest = run[-1]
        winner, loser = latest.to_leader, latest.from_leader
        line = pair_result(winner, loser, {
            (latest.tool_a_id, latest.tool_b_id): (latest.a_count, latest.b_count, 0)
        }).head_to_head  # fmt: skip
        text = (
            f"{line}: {loser.name} led at the last issue. Community preference from "
            "head-to-head picks, not a measure of quality."
        )
        entries.append(
            DigestEntry(
                kind="preference_flip",
                object_id=latest.pk,
                title=f"{winner.name} overtakes {loser.name}",
                url=absolute(compare_path([winner.slug, loser.slug]) + "#head-to-head"),
                summary_text=text,
                summary_html=format_html("<p>{}</p>", text),
                published_at=latest.flipped_at,
                link_label="See the head-to-head",
            )
        )
    return DigestSection("Head-to-head flips", tuple(entries)) if entries else None


# The lead adds `decision_changes` here after merging the verdict decision-history model.
SOURCES: tuple[Callable[[Window], DigestSection | None], ...] = (
    new_comparisons,
    verdict_changes,
    preference_flips,
)


def build_digest(*, number: int, cut_off: datetime, covered) -> Digest | None:
    """The next issue's content, or None when nothing new has been published."""
    window = Window(cut_off=cut_off, covered=covered)
    sections = tuple(section for source in SOURCES if (section := source(window)))
    if not sections:
        return None
    return Digest(number=number, cut_off=cut_off, sections=sections)
