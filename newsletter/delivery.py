"""Sending: the sign-up mails (a confirmation request, or an "already subscribed" notice),
and issues one delivery at a time, each exactly once at most.

A delivery is claimed (queued → sending) by a conditional UPDATE before its message goes to
the mail server, and marked sent right after the server accepted it. So:
- a rerun, or a second worker, finds it claimed or sent and leaves it alone;
- a server that refuses a message (an SMTP error) leaves it queued for the next run;
- a process killed between the server's "250 OK" and our "sent" leaves it "sending":
  the server may have it, so it is never retried automatically (`send_digest` reports it).
  At most once, because the issue asks that nobody ever gets the same issue twice.
"""

from __future__ import annotations

import logging
import smtplib
from collections import Counter

from django.core.mail import mailers
from django.db.models import F
from django.utils import timezone

from newsletter.mail import already_subscribed_message, confirmation_message, digest_message
from newsletter.models import Delivery, DeliveryStatus, Subscriber, SubscriberStatus
from newsletter.services import mailed_moments_ago

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def send_sign_up_mail(*, subscriber_id: int, site_url: str | None = None) -> str:
    """What a sign-up sends, decided here in the worker so the request never shows it.

    Pending: the confirmation link. Confirmed: a short notice that the address is already on
    the list, with its unsubscribe link, so the owner learns what happened and the requester
    learns nothing. Either at most once per CONFIRMATION_RESEND_AFTER, so nobody can flood an
    inbox by signing someone else's address up again and again.
    """
    if send_confirmation(subscriber_id=subscriber_id, site_url=site_url):
        return "confirmation"
    if send_already_subscribed(subscriber_id=subscriber_id, site_url=site_url):
        return "already subscribed"
    return "nothing"


def send_already_subscribed(*, subscriber_id: int, site_url: str | None = None) -> bool:
    """Tell a confirmed address that asked again that it is on the list. False when not
    confirmed, or when such a notice went out moments ago."""
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    if mailed_moments_ago(subscriber.notice_sent_at, now=timezone.now()):
        return False
    mailers.default.send_messages([already_subscribed_message(subscriber, site_url)])
    Subscriber.objects.confirmed().filter(pk=subscriber_id).update(notice_sent_at=timezone.now())
    return True


def send_confirmation(*, subscriber_id: int, site_url: str | None = None) -> bool:
    """E-mail the confirmation link to a pending sign-up. False when it is no longer pending,
    or when a link went out moments ago (a reader who asked twice while no worker ran has two
    tasks queued: the first one sends)."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=SubscriberStatus.PENDING
    ).first()
    if subscriber is None:
        return False
    if mailed_moments_ago(subscriber.confirmation_sent_at, now=timezone.now()):
        return False
    mailers.default.send_messages([confirmation_message(subscriber, site_url)])
    Subscriber.objects.filter(pk=subscriber_id, status=SubscriberStatus.PENDING).update(
        confirmation_sent_at=timezone.now()
    )
    return True


def send_deliveries(*, delivery_ids: list[int]) -> dict[str, int]:
    """Send these deliveries over one mail-server connection; count the outcomes."""
    outcomes: Counter[str] = Counter()
    connection = mailers.default
    try:
        for delivery_id in delivery_ids:
            outcome = _send_one(delivery_id, connection)
            outcomes[outcome] += 1
            if outcome == "unreachable":
                break  # the rest stay queued, untouched, for the next run
    finally:
        connection.close()
    return dict(outcomes)


def _send_one(delivery_id: int, connection) -> str:
    claimed = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return "already handled"
    delivery = Delivery.objects.select_related("issue", "subscriber").get(pk=delivery_id)
    this_delivery = Delivery.objects.filter(pk=delivery_id)
    subscriber = delivery.subscriber
    if not subscriber.is_confirmed:
        this_delivery.update(status=DeliveryStatus.SKIPPED)
        return "skipped"
    message = digest_message(
        delivery.issue, email=subscriber.email, hashed_address=subscriber.address_hash
    )
    try:
        connection.open()
    except OSError as error:  # includes SMTPConnectError: nothing was handed over
        _give_back(delivery, error)
        return "unreachable"
    try:
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError, ValueError) as error:
        # The server refused it (or we could not build it): it was not accepted.
        _give_back(delivery, error)
        connection.close()
        return "refused"
    this_delivery.update(status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    return "sent"


def _give_back(delivery: Delivery, error: Exception) -> None:
    status = DeliveryStatus.FAILED if delivery.attempts >= MAX_ATTEMPTS else DeliveryStatus.QUEUED
    logger.warning("Delivery %s not sent (%s): %s", delivery.pk, status, error)
    Delivery.objects.filter(pk=delivery.pk).update(status=status, last_error=str(error)[:300])
