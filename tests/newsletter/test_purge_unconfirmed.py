from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.factories import ConfirmedSubscriberFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_unconfirmed", *args, stdout=out)
    return out.getvalue()


def test_unconfirmed_sign_ups_older_than_seven_days_are_deleted_and_the_rest_kept():
    stale = SubscriberFactory(consent_at=days_ago(8))
    fresh = SubscriberFactory(consent_at=days_ago(6))
    confirmed_long_ago = ConfirmedSubscriberFactory(consent_at=days_ago(300))
    left = ConfirmedSubscriberFactory(consent_at=days_ago(300))
    services.unsubscribe(hashed_address=left.address_hash)
    output = purge()
    assert "Deleted 1 unconfirmed sign-ups older than 7 days" in output
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, confirmed_long_ago.pk, left.pk}
    assert stale.pk not in remaining


def test_returning_address_that_never_confirmed_goes_back_to_its_unsubscribed_row():
    subscriber = ConfirmedSubscriberFactory(consent_at=days_ago(40))
    services.unsubscribe(hashed_address=subscriber.address_hash)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        status=SubscriberStatus.PENDING,
        email="back@example.com",
        consent_at=days_ago(9),
        consent_wording="words",
    )
    output = purge()
    assert "1 returning addresses went back to unsubscribed" in output
    row = Subscriber.objects.get()
    assert row.status == SubscriberStatus.UNSUBSCRIBED
    assert row.email == "" and row.consent_at is None and row.unsubscribed_at is not None


def test_dry_run_counts_and_changes_nothing():
    SubscriberFactory(consent_at=days_ago(10))
    assert "1 unconfirmed sign-ups older than 7 days." in purge("--dry-run")
    assert Subscriber.objects.count() == 1


def test_days_can_be_changed_but_not_below_one():
    SubscriberFactory(consent_at=days_ago(4))
    purge("--days", "3")
    assert not Subscriber.objects.exists()
    with pytest.raises(CommandError, match="1 or more"):
        purge("--days", "0")


@pytest.mark.django_db(transaction=True)
def test_finished_sign_up_tasks_older_than_a_day_are_deleted_for_they_hold_the_address(
    settings, smtp_server
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for email in ("old@example.com", "recent@example.com", "waiting@example.com"):
        services.subscribe(email=email, consent_wording="words", ip_hash="a" * 64)
    waiting = DBTaskResult.objects.get(args_kwargs__kwargs__email="waiting@example.com")
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now() + timedelta(days=9))
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    DBTaskResult.objects.filter(args_kwargs__kwargs__email="old@example.com").update(
        finished_at=days_ago(2)
    )
    assert "Deleted 1 finished sign-up tasks." in purge()
    left = {task.args_kwargs["kwargs"]["email"] for task in DBTaskResult.objects.all()}
    assert left == {"recent@example.com", "waiting@example.com"}
