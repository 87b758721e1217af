"""The confirmation request, sent through a real SMTP server and read back."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.conftest import SITE_URL
from tests.newsletter.factories import ConfirmedSubscriberFactory, SubscriberFactory
from tests.newsletter.helpers import subscribe, visitor

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(re.escape(SITE_URL) + r"/newsletter/confirm/[\w:-]+/")
UNSUBSCRIBE_LINK = re.compile(re.escape(SITE_URL) + r"/newsletter/unsubscribe/[\w:-]+/")


def sign_up(email, capture):
    with capture(execute=True):
        response = subscribe(visitor(), email)
    assert response.status_code == 303


def test_sign_up_mails_a_confirmation_link_as_text_and_html(
    smtp_server, django_capture_on_commit_callbacks
):
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    [mail] = smtp_server.received
    assert mail.recipients == ["reader@example.com"]
    assert mail.message["Subject"] == "Confirm your subscription to Weekly AI Tool Verdicts"
    text_link = CONFIRM_LINK.search(mail.text).group(0)
    assert f'href="{text_link}"' in mail.html
    assert "works for 3 days" in mail.text
    # Nobody is on the list yet: the confirmation is not a newsletter e-mail.
    assert mail.message["List-Unsubscribe"] is None
    assert Subscriber.objects.get().confirmation_sent_at is not None


def test_asking_again_within_15_minutes_sends_no_second_confirmation(
    smtp_server, django_capture_on_commit_callbacks
):
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    assert len(smtp_server.received) == 1


def test_asking_again_later_sends_a_fresh_confirmation_and_refreshes_consent(
    smtp_server, django_capture_on_commit_callbacks
):
    hour_ago = timezone.now() - timedelta(hours=1)
    SubscriberFactory(
        email="reader@example.com", consent_at=hour_ago, confirmation_sent_at=hour_ago
    )
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    assert len(smtp_server.to("reader@example.com")) == 1
    assert Subscriber.objects.get().consent_at > hour_ago


def test_confirmed_address_signing_up_again_is_told_it_is_on_the_list_and_stays_confirmed(
    smtp_server, django_capture_on_commit_callbacks
):
    """The page says the same to everyone; only the owner's inbox learns the address was known."""
    subscriber = ConfirmedSubscriberFactory(email="reader@example.com")
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    [mail] = smtp_server.received
    assert mail.recipients == ["reader@example.com"]
    assert mail.message["Subject"] == "You're already subscribed to Weekly AI Tool Verdicts"
    assert "already on the list, so nothing changed" in " ".join(mail.text.split())
    assert CONFIRM_LINK.search(mail.text) is None
    leave = UNSUBSCRIBE_LINK.search(mail.text).group(0)
    assert f'href="{leave}"' in mail.html
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed and subscriber.notice_sent_at is not None
    visitor().post(leave.removeprefix(SITE_URL))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_a_confirmed_address_gets_at_most_one_notice_in_15_minutes(
    smtp_server, django_capture_on_commit_callbacks
):
    subscriber = ConfirmedSubscriberFactory(email="reader@example.com")
    for _ in range(3):
        sign_up("reader@example.com", django_capture_on_commit_callbacks)
    assert len(smtp_server.received) == 1
    Subscriber.objects.filter(pk=subscriber.pk).update(
        notice_sent_at=timezone.now() - timedelta(minutes=16)
    )
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    assert len(smtp_server.received) == 2


def test_returning_unsubscribed_address_must_confirm_again(
    smtp_server, django_capture_on_commit_callbacks
):
    from newsletter import services

    subscriber = ConfirmedSubscriberFactory(email="reader@example.com")
    services.unsubscribe(hashed_address=subscriber.address_hash)
    sign_up("Reader@example.com", django_capture_on_commit_callbacks)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.email == "Reader@example.com" and subscriber.confirmed_at is None
    assert len(smtp_server.received) == 1


def test_mail_server_down_still_thanks_the_reader_and_a_later_try_sends(
    settings, smtp_server, django_capture_on_commit_callbacks, caplog
):
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {**working["default"], "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2}}
    }
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    assert Subscriber.objects.get().confirmation_sent_at is None
    assert "newsletter.tasks.sign_up" in caplog.text  # the task failure is logged
    settings.MAILERS = working
    sign_up("reader@example.com", django_capture_on_commit_callbacks)
    assert len(smtp_server.received) == 1
