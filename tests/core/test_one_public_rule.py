"""One "is public" rule (core/publishing.py): every reader-facing check calls it, and no other
module spells it out again."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublishStatus, is_public_state, published_filter
from tests.core.source_files import APPS, REPO, python_files
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Reviewer, Verdict

# The rule spelt out: the Published status beside the publish time, or that time against now.
SPELLED_OUT = re.compile(
    r"published_at(__lte|__gt)[\"']?\s*[=:]\s*(timezone\.now\(\)|now\b)"
    r"|published_at[\"'\]]*\s*(<=|>)\s*(timezone\.now\(\)|now\b)"
    r"|PublishStatus\.PUBLISHED.*published_at[\"'\]]*\s*(<=|>)"
)


def test_only_core_publishing_spells_out_the_rule():
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in python_files(*APPS, migrations=False)
        if path != REPO / "core" / "publishing.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SPELLED_OUT.search(line)
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_filter_the_property_and_the_track_record_agree():
    now = timezone.now()
    reviewer = ReviewerFactory()
    live = VerdictFactory(reviewer=reviewer, published_at=now - timedelta(minutes=1))
    VerdictFactory(reviewer=reviewer, published_at=now + timedelta(days=1))
    VerdictFactory(reviewer=reviewer, status=PublishStatus.DRAFT)

    assert list(Verdict.objects.published()) == [live]
    assert list(Verdict.objects.filter(published_filter())) == [live]
    assert [v.pk for v in Verdict.objects.all() if v.is_public] == [live.pk]
    assert [v.pk for v in Verdict.objects.all() if v.is_scheduled] != [live.pk]
    assert Reviewer.objects.with_track_record().get(pk=reviewer.pk).tools_reviewed == 1
    assert is_public_state(PublishStatus.PUBLISHED, now, at=now)
    assert not is_public_state(PublishStatus.DRAFT, now - timedelta(days=1), at=now)
