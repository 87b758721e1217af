"""The confirmation link points where the site is served: the request's own address in
development (any port), SITE_URL in production."""

from __future__ import annotations

import re

import pytest

from core.devmail import BACKEND_PATH, saved_messages
from tests.newsletter.conftest import SITE_URL
from tests.newsletter.helpers import csrf_from

pytestmark = pytest.mark.django_db

LINK = re.compile(r"^(https?://[^/\s]+)/newsletter/confirm/[\w:-]+/$", re.MULTILINE)


@pytest.fixture
def kept_mail(settings, tmp_path):
    settings.MAILERS = {
        "default": {"BACKEND": BACKEND_PATH, "OPTIONS": {"directory": str(tmp_path), "echo": False}}
    }
    return tmp_path


def sign_up_through(client, host: str, capture) -> None:
    token = csrf_from(client.get("/", HTTP_HOST=host).content.decode())
    with capture(execute=True):
        response = client.post(
            "/newsletter/subscribe/",
            {"email": "reader@example.com", "csrfmiddlewaretoken": token},
            HTTP_HOST=host,
        )
    assert response.status_code == 303


def test_in_development_the_link_uses_the_address_the_reader_signed_up_on(
    settings, kept_mail, client, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    sign_up_through(client, "127.0.0.1:8765", django_capture_on_commit_callbacks)
    [text] = saved_messages(kept_mail)
    assert LINK.search(text.read_text()).group(1) == "http://127.0.0.1:8765"


def test_in_production_the_link_uses_site_url_whatever_host_was_asked(
    settings, kept_mail, client, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["shipboard.example", "internal.example"]
    sign_up_through(client, "internal.example", django_capture_on_commit_callbacks)
    [text] = saved_messages(kept_mail)
    assert LINK.search(text.read_text()).group(1) == SITE_URL
