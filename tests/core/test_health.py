"""GET /healthz: 200 when the database and the cache answer, 503 naming the one that failed."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings

from tests.compare_site.production import free_port

pytestmark = pytest.mark.django_db


def degrading_redis_at(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_healthz_answers_200_with_one_query_when_database_and_cache_answer(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_is_never_cached_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_answers_head_and_refuses_post_without_a_csrf_error():
    client = Client(enforce_csrf_checks=True)
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_names_the_database_when_it_fails(client):
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_healthz_names_the_cache_when_redis_is_unreachable(client):
    with override_settings(CACHES=degrading_redis_at(f"redis://127.0.0.1:{free_port()}/0")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_healthz_names_the_cache_when_the_backend_raises(client):
    with mock.patch("core.health.cache.set", side_effect=ConnectionError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_healthz_is_not_redirected_to_https_while_pages_are(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
