from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.core import signing

from newsletter import services, tokens
from newsletter.models import Subscriber, SubscriberStatus
from tests.newsletter.factories import SubscriberFactory
from tests.newsletter.helpers import csrf_from, subscribe, visitor

pytestmark = pytest.mark.django_db


def confirm_path(subscriber) -> str:
    return f"/newsletter/confirm/{tokens.confirm_token(subscriber.address_hash)}/"


def press_confirm(client, path):
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path, {"csrfmiddlewaretoken": csrf_from(page.content.decode())})


def test_opening_the_link_shows_a_button_and_changes_nothing():
    subscriber = SubscriberFactory()
    path = confirm_path(subscriber)  # once: the signed token carries the second it was made
    response = visitor().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<form method="post" action="{path}">' in html
    assert "Yes, subscribe me" in html
    assert response["Cache-Control"].startswith("max-age=0")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_pressing_the_button_confirms_and_redirects_with_303():
    subscriber = SubscriberFactory()
    response = press_confirm(visitor(), confirm_path(subscriber))
    assert response.status_code == 303
    assert response["Location"] == "/newsletter/confirmed/"
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at >= subscriber.consent_at
    assert subscriber.consent_wording  # the consent record stays with the confirmation
    assert "You're subscribed" in visitor().get("/newsletter/confirmed/").content.decode()


def test_pressing_the_button_twice_is_harmless():
    subscriber = SubscriberFactory()
    client = visitor()
    press_confirm(client, confirm_path(subscriber))
    first = Subscriber.objects.get().confirmed_at
    assert press_confirm(client, confirm_path(subscriber)).status_code == 303
    assert Subscriber.objects.get().confirmed_at == first


def test_confirm_post_needs_the_csrf_token():
    subscriber = SubscriberFactory()
    assert visitor().post(confirm_path(subscriber)).status_code == 403
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_link_older_than_three_days_is_refused_with_a_way_forward():
    subscriber = SubscriberFactory()
    four_days_ago = time.time() - 4 * 86400
    with mock.patch("django.core.signing.time.time", return_value=four_days_ago):
        path = confirm_path(subscriber)
    client = visitor()
    response = client.get(path)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Confirmation links work for 3 days" in html
    assert 'name="email"' in html  # the box to sign up again
    token = csrf_from(html)
    assert client.post(path, {"csrfmiddlewaretoken": token}).status_code == 400
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


@pytest.mark.parametrize(
    "make_token",
    [
        lambda hashed: tokens.confirm_token(hashed)[:-3] + "abc",
        lambda hashed: tokens.unsubscribe_token(hashed),  # the other purpose's salt
        lambda hashed: signing.TimestampSigner(salt="something else").sign(hashed),
        lambda hashed: "not-a-token",
    ],
)
def test_tampered_or_foreign_link_confirms_nothing(make_token):
    subscriber = SubscriberFactory()
    path = f"/newsletter/confirm/{make_token(subscriber.address_hash)}/"
    response = visitor().get(path)
    assert response.status_code == 400
    assert "isn't complete or wasn't made by us" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_link_of_an_address_that_unsubscribed_since_cannot_confirm_it():
    subscriber = SubscriberFactory()
    path = confirm_path(subscriber)
    services.unsubscribe(hashed_address=subscriber.address_hash)
    response = press_confirm(visitor(), path)
    assert response.status_code == 400
    assert "isn't waiting for confirmation any more" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_whole_double_opt_in_from_the_box_to_the_list(
    smtp_server, django_capture_on_commit_callbacks
):
    client = visitor()
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "reader@example.com", htmx=True)
    [mail] = smtp_server.received
    link = re.search(r"https://shipboard\.example(/newsletter/confirm/\S+/)", mail.text).group(1)
    assert press_confirm(client, link).status_code == 303
    assert Subscriber.objects.get(email="reader@example.com").is_confirmed
