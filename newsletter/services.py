"""Writes that change who is on the list, and the creation of an issue with its deliveries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from newsletter import tokens
from newsletter.digest import Digest, build_digest
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    IssueEntry,
    Subscriber,
    SubscriberStatus,
)

# Asking again within this time sends no second confirmation: nobody can make us
# flood an inbox by submitting someone else's address from many networks.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=15)
UNCONFIRMED_KEPT_FOR = timedelta(days=7)
# A queued sign-up carries the address and consent record as its arguments; once the worker
# has run it, the subscriber row is the record, and the copy in the task table goes.
SIGN_UP_TASKS_KEPT_FOR = timedelta(days=1)

FORGET_PERSONAL_DATA = {
    "email": "",
    "consent_at": None,
    "consent_wording": "",
    "consent_ip_hash": "",
    "confirmation_sent_at": None,
    "confirmed_at": None,
    "notice_sent_at": None,
}


def mailed_moments_ago(sent_at: datetime | None, *, now: datetime) -> bool:
    """A mail went to this address less than CONFIRMATION_RESEND_AFTER before `now`: the
    sign-up sends no other yet."""
    return sent_at is not None and now - sent_at < CONFIRMATION_RESEND_AFTER


def subscribe(
    *, email: str, consent_wording: str, ip_hash: str, site_url: str | None = None
) -> None:
    """Queue a sign-up for the worker: the request's only write, the same for every address.

    `site_url` is where the e-mail's links point (newsletter.mail.site_url_for); None: SITE_URL.

    Nothing here looks the address up. A new, pending, confirmed or unsubscribed address costs
    the request the same single task row, so neither the answer nor how long it takes tells a
    visitor who is on the list; the worker (`record_sign_up`, then
    `delivery.send_sign_up_mail`) decides what to write and what to send.
    """
    from newsletter.tasks import sign_up  # tasks → delivery → services: imported when used

    sign_up.enqueue(
        email=tokens.normalise_email(email),
        consent_wording=consent_wording,
        ip_hash=ip_hash,
        requested_at=timezone.now().isoformat(),
        site_url=site_url,
    )


def record_sign_up(
    *, email: str, consent_wording: str, ip_hash: str, requested_at: datetime
) -> int:
    """The worker's half of a sign-up: the subscriber row as the request leaves it. Returns its id.

    New address: a pending row with this consent record. Pending (asked again after
    CONFIRMATION_RESEND_AFTER) or unsubscribed (coming back): a fresh consent record, pending.
    Confirmed, or pending with a confirmation just sent: unchanged.
    """
    email = tokens.normalise_email(email)
    hashed = tokens.address_hash(email)
    with transaction.atomic():
        subscriber, created = _get_or_create_locked(
            hashed, email, consent_wording, ip_hash, requested_at
        )
        if created or subscriber.status == SubscriberStatus.CONFIRMED:
            return subscriber.pk  # new, or already on the list: nothing to change
        if subscriber.status == SubscriberStatus.PENDING and mailed_moments_ago(
            subscriber.confirmation_sent_at, now=requested_at
        ):
            return subscriber.pk  # a confirmation is already on its way
        subscriber.email = email
        subscriber.status = SubscriberStatus.PENDING
        subscriber.consent_at = requested_at
        subscriber.consent_wording = consent_wording
        subscriber.consent_ip_hash = ip_hash
        subscriber.save()
        return subscriber.pk


def _get_or_create_locked(hashed, email, consent_wording, ip_hash, now):
    subscriber = Subscriber.objects.select_for_update().filter(address_hash=hashed).first()
    if subscriber:
        return subscriber, False
    try:
        with transaction.atomic():
            return Subscriber.objects.create(
                address_hash=hashed,
                email=email,
                consent_at=now,
                consent_wording=consent_wording,
                consent_ip_hash=ip_hash,
            ), True
    except IntegrityError:  # the same address signed up at the same instant elsewhere
        return Subscriber.objects.select_for_update().get(address_hash=hashed), False


def confirm(*, hashed_address: str) -> bool:
    """Confirm a pending sign-up. True when the address is (now, or already) on the list."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(address_hash=hashed_address).first()
        )
        if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return False
        if subscriber.status == SubscriberStatus.PENDING:
            subscriber.status = SubscriberStatus.CONFIRMED
            subscriber.confirmed_at = now
            subscriber.save(update_fields=["status", "confirmed_at"])
        return True


def unsubscribe(*, hashed_address: str) -> None:
    """Take the address off the list and forget everything but its hash. Repeats are harmless."""
    Subscriber.objects.filter(address_hash=hashed_address).exclude(
        status=SubscriberStatus.UNSUBSCRIBED
    ).update(
        status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now(), **FORGET_PERSONAL_DATA
    )


@dataclass(frozen=True)
class PurgeResult:
    deleted: int
    returned_to_unsubscribed: int


def purge_unconfirmed(*, older_than: timedelta = UNCONFIRMED_KEPT_FOR) -> PurgeResult:
    """Forget sign-ups nobody confirmed within `older_than`.

    A returning address that had unsubscribed before goes back to its unsubscribed row
    (hash only) rather than vanishing, so the earlier unsubscribe is still on record.
    """
    moment = timezone.now() - older_than
    stale = Subscriber.objects.unconfirmed_since_before(moment)
    with transaction.atomic():
        returned = stale.filter(unsubscribed_at__isnull=False).update(
            status=SubscriberStatus.UNSUBSCRIBED, **FORGET_PERSONAL_DATA
        )
        deleted, _ = stale.filter(unsubscribed_at__isnull=True).delete()
    return PurgeResult(deleted=deleted, returned_to_unsubscribed=returned)


def forget_finished_sign_ups(*, older_than: timedelta = SIGN_UP_TASKS_KEPT_FOR) -> int:
    """Delete the task rows of sign-ups the worker finished (sent, or failed) over `older_than`
    ago, so an address that left the list is not kept in them. Returns how many went."""
    from django_tasks_db.models import DBTaskResult

    from newsletter.tasks import sign_up  # tasks → delivery → services: imported when used

    deleted, _ = (
        DBTaskResult.objects.finished()
        .filter(task_path=sign_up.module_path, finished_at__lt=timezone.now() - older_than)
        .delete()
    )
    return deleted


def _covered(kind: str):
    return IssueEntry.objects.filter(kind=kind).values_list("object_id", flat=True)


def next_digest(*, cut_off: datetime | None = None) -> Digest | None:
    """What the next issue would say now (None when there is nothing new). Writes nothing."""
    last = Issue.objects.aggregate(last=Max("number"))["last"] or 0
    return build_digest(number=last + 1, cut_off=cut_off or timezone.now(), covered=_covered)


def create_issue(*, digest: Digest) -> Issue | None:
    """Store the issue, what it covers, and one queued delivery per confirmed subscriber.

    All or nothing: a run that dies here leaves no half-made issue. Returns None when
    another run created this issue first (the unique number and entries refuse a copy).
    """
    text, html = digest.render()
    try:
        with transaction.atomic():
            issue = Issue.objects.create(
                number=digest.number,
                subject=digest.subject,
                body_text=text,
                body_html=html,
                cut_off=digest.cut_off,
            )
            IssueEntry.objects.bulk_create(
                IssueEntry(issue=issue, kind=entry.kind, object_id=entry.object_id)
                for entry in digest.entries
            )
            Delivery.objects.bulk_create(
                Delivery(issue=issue, subscriber_id=subscriber_id)
                for subscriber_id in Subscriber.objects.confirmed().values_list("pk", flat=True)
            )
    except IntegrityError:
        return None
    return issue


def requeue_stuck(*, claimed_before: datetime) -> int:
    """Put deliveries claimed but never marked sent back in the queue (operator's decision).

    Only for when the mail server's log shows those messages never arrived: a rerun then
    sends them. Otherwise they stay "sending" and are never retried, to avoid sending twice.
    """
    return Delivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=claimed_before
    ).update(status=DeliveryStatus.QUEUED)
