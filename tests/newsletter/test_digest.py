"""The digest builder and issue creation (services.next_digest / create_issue)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.safestring import mark_safe

from newsletter import digest, services
from newsletter.models import Delivery, IssueEntry
from tests.comparisons.factories import ComparisonFactory
from tests.newsletter.factories import ConfirmedSubscriberFactory, SubscriberFactory
from tests.verdicts.factories import VerdictFactory

pytestmark = pytest.mark.django_db


def test_nothing_published_means_no_digest():
    assert services.next_digest() is None


def test_first_digest_covers_every_published_comparison_and_verdict(demo_data):
    first = services.next_digest()
    assert first.number == 1
    assert [section.heading for section in first.sections] == [
        "New comparisons",
        "Verdict changes",
    ]
    assert [len(section.entries) for section in first.sections] == [1, 8]


def test_created_issue_records_its_entries_and_one_delivery_per_confirmed_reader(demo_data):
    readers = ConfirmedSubscriberFactory.create_batch(3)
    SubscriberFactory()
    issue = services.create_issue(digest=services.next_digest())
    assert issue.entries.filter(kind="comparison").count() == 1
    assert issue.entries.filter(kind="verdict").count() == 8
    assert set(issue.deliveries.values_list("subscriber", flat=True)) == {r.pk for r in readers}
    assert "NEW COMPARISONS" in issue.body_text and "<h2" in issue.body_html
    assert services.next_digest() is None


def test_two_runs_racing_for_the_same_issue_make_only_one(demo_data):
    ConfirmedSubscriberFactory()
    first, second = services.next_digest(), services.next_digest()
    assert services.create_issue(digest=first) is not None
    assert services.create_issue(digest=second) is None
    assert IssueEntry.objects.count() == 9 and Delivery.objects.count() == 1


def test_editor_html_reaches_the_issue_sanitised_and_text_without_markup():
    VerdictFactory(body="Ship it <script>alert(1)</script> **now** & [docs](javascript:alert(1))")
    issue_digest = services.next_digest()
    text, html = issue_digest.render()
    assert "<script" not in html and "javascript:" not in html
    assert "<strong>now</strong>" in html
    assert "Ship it now & docs" in " ".join(text.split())


def test_long_summaries_are_cut_to_a_teaser():
    ComparisonFactory(summary=" ".join(f"word{n}" for n in range(200)))
    entry = services.next_digest().entries[0]
    assert "word59" in entry.summary_text and "word60" not in entry.summary_text


def test_items_published_after_the_cut_off_wait_for_the_next_issue():
    ComparisonFactory(published_at=timezone.now() - timedelta(minutes=5))
    later = ComparisonFactory(published_at=timezone.now() - timedelta(minutes=1))
    cut_off = timezone.now() - timedelta(minutes=3)
    entries = services.next_digest(cut_off=cut_off).entries
    assert later.pk not in {entry.object_id for entry in entries}


def test_one_more_source_adds_a_section_without_touching_the_rest(monkeypatch):
    """How the lead adds decision changes: a function of the window, appended to SOURCES."""
    now = timezone.now()

    def decision_changes(window):
        entries = (
            digest.DigestEntry(
                kind="decision_change",
                object_id=41,
                title="Maya Chen now says Skip on Tool X",
                url="https://shipboard.example/tools/tool-x/",
                summary_text="Pricing changed.",
                summary_html=mark_safe("<p>Pricing changed.</p>"),
                published_at=now,
                link_label="See Tool X",
                label="Skip",
            ),
        )
        remaining = [e for e in entries if e.object_id not in set(window.covered(e.kind))]
        return digest.DigestSection("Decision changes", tuple(remaining)) if remaining else None

    monkeypatch.setattr(digest, "SOURCES", (*digest.SOURCES, decision_changes))
    ConfirmedSubscriberFactory()
    issue = services.create_issue(digest=services.next_digest())
    assert "DECISION CHANGES" in issue.body_text and "Maya Chen now says Skip" in issue.body_html
    assert issue.subject.endswith("Maya Chen now says Skip on Tool X")
    assert IssueEntry.objects.filter(kind="decision_change", object_id=41).exists()
    assert services.next_digest() is None
