"""Subscribers with their consent record, digest issues, and one delivery per issue and person."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def unconfirmed_since_before(self, moment):
        """Sign-ups still waiting for their confirmation click, last requested before `moment`."""
        return self.filter(status=SubscriberStatus.PENDING, consent_at__lt=moment)


class Subscriber(models.Model):
    """One address, identified by a keyed hash so an unsubscribe survives the address's removal.

    Unsubscribed rows keep only `address_hash`, the status and `unsubscribed_at`: enough to
    answer a repeated unsubscribe calmly, to never deliver a queued issue after it, and to
    know that a new sign-up from that address must confirm again from scratch.
    """

    email = models.EmailField(max_length=254, blank=True, help_text="Cleared on unsubscribe.")
    address_hash = models.CharField(
        max_length=64, unique=True, help_text="HMAC-SHA256 of the lower-cased address."
    )
    status = models.CharField(
        max_length=12, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    consent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sign-up form was sent."
    )
    consent_wording = models.TextField(blank=True, help_text="The exact words the box showed.")
    consent_ip_hash = models.CharField(
        max_length=64, blank=True, help_text="Daily-salted HMAC of the client IP, never the IP."
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    notice_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a confirmed address that signed up again was last told it is on the list.",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SubscriberStatus.values), name="subscriber_status_known"
            ),
            # Whoever is on the list, pending or confirmed, has an address and a consent record.
            models.CheckConstraint(
                condition=Q(status=SubscriberStatus.UNSUBSCRIBED)
                | (~Q(email="") & Q(consent_at__isnull=False) & ~Q(consent_wording="")),
                name="subscriber_on_list_has_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status=SubscriberStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_time",
            ),
            # An unsubscribed row keeps nothing personal.
            models.CheckConstraint(
                condition=~Q(status=SubscriberStatus.UNSUBSCRIBED)
                | (
                    Q(email="")
                    & Q(consent_at__isnull=True)
                    & Q(consent_wording="")
                    & Q(consent_ip_hash="")
                    & Q(confirmation_sent_at__isnull=True)
                    & Q(notice_sent_at__isnull=True)
                    & Q(confirmed_at__isnull=True)
                    & Q(unsubscribed_at__isnull=False)
                ),
                name="subscriber_unsubscribed_keeps_only_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email or self.address_hash[:12] + '…'} ({self.status})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == SubscriberStatus.CONFIRMED


class Issue(models.Model):
    """One digest as sent: its content is stored so a rerun sends exactly the same words."""

    number = models.PositiveIntegerField(unique=True)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(help_text="Rendered by our templates from sanitised text.")
    cut_off = models.DateTimeField(
        default=timezone.now, help_text="Covers what was public at this moment."
    )

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"#{self.number}: {self.subject}"


class IssueEntry(models.Model):
    """What an issue covered: each comparison, verdict, … goes out in exactly one issue."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=40, help_text="The digest source, e.g. comparison.")
    object_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="entry_in_one_issue_only"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} in issue {self.issue_id}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"  # waiting, or refused last time and waiting for a retry
    SENDING = "sending", "Sending"  # claimed: the mail server may or may not have it
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped"  # the subscriber left before it went out
    FAILED = "failed", "Failed"  # refused too often; no more retries


class DeliveryQuerySet(models.QuerySet):
    def to_send(self):
        return self.filter(status=DeliveryStatus.QUEUED)


class Delivery(models.Model):
    """An issue for one subscriber. The unique pair is what makes a rerun never send twice."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="one_delivery_per_issue_and_subscriber"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="delivery_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="delivery_status")]

    def __str__(self) -> str:
        return f"Issue {self.issue_id} → subscriber {self.subscriber_id}: {self.status}"
