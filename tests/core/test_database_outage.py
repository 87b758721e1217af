"""With the database unreachable, pages answer the 503 page and never try the database again.

The end-to-end version (gunicorn pointed at a PostgreSQL port nothing listens on) is in
test_gunicorn_production.py; here the outage is simulated inside the test process.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.conftest import DEMO_COMPARE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down():
    """Every attempt to use the database fails as if the server had gone away."""
    with mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        autospec=True,
        side_effect=OperationalError("connection refused"),
    ) as attempts:
        yield attempts


@pytest.mark.parametrize("path", ["/", DEMO_COMPARE_URL, "/tools/code-llama-4/"])
def test_page_answers_503_in_the_site_design_when_the_database_is_down(
    client, demo_data, database_down, path
):
    response = client.get(path)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Shipboard is briefly unavailable" in html
    assert 'class="site-header"' in html
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    # One failed query, then nothing: building the 503 page does not touch the database.
    assert database_down.call_count == 1


def test_broken_connection_object_answers_503_too(client):
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=InterfaceError("connection closed")
    ):
        response = client.get("/")
    assert response.status_code == 503


def test_healthz_fails_when_the_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_other_errors_are_not_reported_as_an_outage():
    client = Client(raise_request_exception=False)
    with mock.patch("comparisons.views.render", side_effect=ValueError("a bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
