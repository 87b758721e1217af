"""/admin/desk/mail/: staff read the mail the development backend kept, links clickable."""

from __future__ import annotations

import pytest
from django.core.mail import EmailMessage, mailers

from core.devmail import BACKEND_PATH
from tests.desk.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/desk/mail/"
LINK = "http://127.0.0.1:8765/newsletter/confirm/abc:def-123/"


@pytest.fixture
def kept_mail(settings, tmp_path):
    settings.MAILERS = {
        "default": {"BACKEND": BACKEND_PATH, "OPTIONS": {"directory": str(tmp_path), "echo": False}}
    }
    return tmp_path


def send(subject: str, body: str) -> None:
    mailers.default.send_messages(
        [EmailMessage(subject=subject, body=body, from_email="a@localhost", to=["r@example.com"])]
    )


def test_staff_see_each_message_newest_first_with_whole_clickable_links(kept_mail, editor_client):
    send("First <b>message</b>", "Nothing here.")
    send("Confirm your subscription", f"Open this link:\n\n{LINK}\n")
    response = editor_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="{LINK}"' in page
    assert page.index("Confirm your subscription") < page.index("First &lt;b&gt;message")
    assert "<b>message</b>" not in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_empty_mailbox_says_how_to_fill_it(kept_mail, editor_client):
    assert "No mail yet" in editor_client.get(URL).content.decode()


def test_visitors_and_non_staff_are_sent_to_sign_in(kept_mail, client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(is_staff=False))
    assert client.get(URL)["Location"].startswith("/admin/login/")


def test_there_is_no_mailbox_when_mail_is_really_sent(settings, editor_client):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
    assert editor_client.get(URL).status_code == 404
