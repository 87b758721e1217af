from __future__ import annotations

import factory
from django.utils import timezone

from newsletter import tokens
from newsletter.consent import CONSENT_WORDING
from newsletter.models import Subscriber, SubscriberStatus


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A pending sign-up; pass status=SubscriberStatus.CONFIRMED for someone on the list."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    address_hash = factory.LazyAttribute(lambda o: tokens.address_hash(o.email))
    consent_at = factory.LazyFunction(timezone.now)
    consent_wording = CONSENT_WORDING
    consent_ip_hash = "a" * 64
    status = SubscriberStatus.PENDING
    confirmed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == SubscriberStatus.CONFIRMED else None
    )


class ConfirmedSubscriberFactory(SubscriberFactory):
    status = SubscriberStatus.CONFIRMED
