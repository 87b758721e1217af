"""The admin's Markdown preview: staff only, POST with CSRF, exactly the public rendering."""

from __future__ import annotations

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from core.text import render_markdown
from tests.desk.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/desk/markdown-preview/"
SOURCE = 'Ship it **now** <img src=x onerror="alert(1)"> [docs](javascript:alert(1))'


def csrf_client(user) -> tuple[Client, str]:
    """A client that enforces CSRF like a browser, with a cookie and a matching token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    request = RequestFactory().get("/")
    token = get_token(request)  # a masked token, and the secret it masks for the cookie
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    return client, token


def test_preview_renders_exactly_what_the_public_page_stores(editor):
    client, token = csrf_client(editor)
    response = client.post(URL, {"markdown": SOURCE}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.content.decode().strip() == render_markdown(SOURCE)
    assert "<strong>now</strong>" in response.content.decode()
    assert "onerror" not in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_preview_without_a_csrf_token_is_refused(editor):
    client, _token = csrf_client(editor)
    assert client.post(URL, {"markdown": "hi"}).status_code == 403


def test_preview_is_for_staff_only(client):
    client.force_login(UserFactory(is_staff=False))
    response = client.post(URL, {"markdown": "hi"})
    assert response.status_code == 403
    assert "Only signed-in editors can preview." in response.content.decode()


def test_anonymous_visitors_get_no_preview(client):
    assert client.post(URL, {"markdown": "hi"}).status_code == 403


def test_preview_answers_only_post(editor_client):
    assert editor_client.get(URL, {"markdown": "hi"}).status_code == 405


def test_preview_without_text_is_a_400_that_says_what_is_missing(editor_client):
    response = editor_client.post(URL, {"text": "hi"})
    assert response.status_code == 400
    assert "'markdown' field" in response.content.decode()


def test_empty_text_previews_as_a_hint(editor_client):
    response = editor_client.post(URL, {"markdown": ""})
    assert response.status_code == 200
    assert "Nothing to preview yet." in response.content.decode()


def test_very_long_text_is_refused_with_its_length(editor_client):
    response = editor_client.post(URL, {"markdown": "a" * 50_001})
    assert response.status_code == 400
    assert "50,001 characters" in response.content.decode()


def test_admin_markdown_fields_carry_the_preview_wiring(editor_client, editor):
    html = editor_client.get("/admin/verdicts/verdict/add/").content.decode()
    assert f'hx-post="{URL}"' in html
    assert 'hx-params="none"' in html
    assert "/static/js/htmx.min.js" in html and "/static/js/editors-desk.js" in html
    assert "<script>" not in html and " style=" not in html
