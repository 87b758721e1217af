from __future__ import annotations

import pytest
from django.test import Client

from newsletter import tokens
from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.factories import ConfirmedSubscriberFactory

pytestmark = pytest.mark.django_db

ONE_CLICK = {"List-Unsubscribe": "One-Click"}
CALM = "You won't get Weekly AI Tool Verdicts any more."


def unsubscribe_path(subscriber) -> str:
    return f"/newsletter/unsubscribe/{tokens.unsubscribe_token(subscriber.address_hash)}/"


def mail_client() -> Client:
    """What a mail provider's one-click POST looks like: no cookies, no CSRF token."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_one_click_post_without_csrf_token_unsubscribes_and_answers_200(encoding):
    subscriber = ConfirmedSubscriberFactory(email="reader@example.com")
    path = unsubscribe_path(subscriber)
    if encoding == "multipart":
        response = mail_client().post(path, ONE_CLICK)
    else:
        response = mail_client().post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 200
    assert CALM in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_unsubscribed_row_keeps_only_the_hash_and_when():
    subscriber = ConfirmedSubscriberFactory(email="reader@example.com")
    mail_client().post(unsubscribe_path(subscriber), ONE_CLICK)
    row = Subscriber.objects.values().get()
    assert row["email"] == "" and row["consent_wording"] == "" and row["consent_ip_hash"] == ""
    assert row["consent_at"] is None and row["confirmed_at"] is None
    assert row["confirmation_sent_at"] is None
    assert row["address_hash"] == tokens.address_hash("reader@example.com")
    assert row["unsubscribed_at"] is not None


@pytest.mark.parametrize(
    "token",
    [
        "nobody",
        "0" * 64 + ":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        tokens.confirm_token("0" * 64),  # a confirmation link is not an unsubscribe link
    ],
)
def test_unknown_or_tampered_token_gets_the_same_calm_answer_and_changes_nothing(token):
    subscriber = ConfirmedSubscriberFactory()
    genuine = mail_client().post(unsubscribe_path(ConfirmedSubscriberFactory()), ONE_CLICK)
    response = mail_client().post(f"/newsletter/unsubscribe/{token}/", ONE_CLICK)
    assert response.status_code == genuine.status_code == 200
    assert response.content == genuine.content
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed


def test_repeated_one_click_is_calm_and_keeps_the_first_time():
    subscriber = ConfirmedSubscriberFactory()
    path = unsubscribe_path(subscriber)
    mail_client().post(path, ONE_CLICK)
    first = Subscriber.objects.get().unsubscribed_at
    assert mail_client().post(path, ONE_CLICK).status_code == 200
    assert Subscriber.objects.get().unsubscribed_at == first


def test_visible_link_opens_a_page_with_a_button_and_changes_nothing():
    subscriber = ConfirmedSubscriberFactory()
    path = unsubscribe_path(subscriber)
    response = mail_client().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<form method="post" action="{path}">' in html
    assert ">Unsubscribe</button>" in html
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed


def test_the_button_unsubscribes_and_redirects_with_303():
    subscriber = ConfirmedSubscriberFactory()
    response = mail_client().post(unsubscribe_path(subscriber))
    assert response.status_code == 303
    assert response["Location"] == "/newsletter/unsubscribed/"
    assert CALM in mail_client().get("/newsletter/unsubscribed/").content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_only_the_unsubscribe_endpoint_skips_csrf():
    from newsletter import views

    exempt = [
        name
        for name in ("subscribe", "thanks", "confirm", "confirmed", "unsubscribe", "unsubscribed")
        if getattr(getattr(views, name), "csrf_exempt", False)
    ]
    assert exempt == ["unsubscribe"]
