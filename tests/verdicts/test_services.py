"""save_verdict: a change of decision is recorded with when, from, to and which editor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.publishing import PublishStatus
from tests.desk.factories import EditorFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Decision, Verdict, VerdictChange
from verdicts.services import change_decision, save_verdict

pytestmark = pytest.mark.django_db


def test_changing_the_decision_records_from_to_when_and_editor():
    verdict = VerdictFactory(decision=Decision.SKIP)
    editor = EditorFactory()
    before = timezone.now()
    change = change_decision(verdict=verdict, decision=Decision.SHIP, editor=editor)
    assert (change.from_decision, change.to_decision) == ("skip", "ship")
    assert change.changed_by == editor
    assert before <= change.changed_at <= timezone.now()
    assert change.was_public is True
    assert Verdict.objects.get(pk=verdict.pk).decision == "ship"


def test_saving_without_changing_the_decision_records_nothing():
    verdict = VerdictFactory(decision=Decision.SHIP)
    verdict.body = "Reworded, same call."
    assert save_verdict(verdict=verdict, editor=None) is None
    assert not VerdictChange.objects.exists()


def test_creating_a_verdict_is_not_a_change():
    verdict = VerdictFactory.build(tool=ToolFactory(), reviewer=ReviewerFactory())
    assert save_verdict(verdict=verdict) is None
    assert verdict.pk is not None
    assert not VerdictChange.objects.exists()


def test_every_change_is_kept_in_order():
    verdict = VerdictFactory(decision=Decision.SHIP)
    change_decision(verdict=verdict, decision=Decision.SKIP)
    change_decision(verdict=verdict, decision=Decision.SHIP)
    assert list(verdict.changes.values_list("from_decision", "to_decision")) == [
        ("ship", "skip"),
        ("skip", "ship"),
    ]


def test_from_is_what_the_database_held_not_what_the_caller_loaded():
    """Two editors load the same skip verdict; both save ship-then-skip: history stays true."""
    first = VerdictFactory(decision=Decision.SKIP)
    second = Verdict.objects.get(pk=first.pk)
    change_decision(verdict=first, decision=Decision.SHIP)
    change = change_decision(verdict=second, decision=Decision.SKIP)
    assert (change.from_decision, change.to_decision) == ("ship", "skip")


@pytest.mark.parametrize(
    ("status", "offset", "was_public"),
    [
        (PublishStatus.PUBLISHED, timedelta(days=-1), True),
        (PublishStatus.DRAFT, timedelta(days=-1), False),
        (PublishStatus.PUBLISHED, timedelta(days=1), False),  # scheduled
    ],
)
def test_a_change_notes_whether_readers_had_seen_the_old_decision(status, offset, was_public):
    verdict = VerdictFactory(
        decision=Decision.SKIP, status=status, published_at=timezone.now() + offset
    )
    assert change_decision(verdict=verdict, decision=Decision.SHIP).was_public is was_public


def test_the_database_refuses_a_change_that_changes_nothing():
    verdict = VerdictFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictChange.objects.create(
            verdict=verdict,
            from_decision="ship",
            to_decision="ship",
            changed_at=timezone.now(),
            was_public=True,
        )
