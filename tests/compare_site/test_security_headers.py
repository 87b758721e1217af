"""Every response carries the security headers: pages, htmx responses and error pages alike.

HSTS and Secure cookies exist only under production settings over HTTPS; the gunicorn tests
check those (test_gunicorn_production.py).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import DEMO_COMPARE_URL

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.compare_site.fault_urls")]


def assert_security_headers(response):
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp


def test_comparison_page_carries_the_security_headers(client, demo_data):
    response = client.get(DEMO_COMPARE_URL)
    assert response.status_code == 200
    assert_security_headers(response)


def test_htmx_request_carries_the_security_headers(client, demo_data):
    response = client.get(DEMO_COMPARE_URL, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert_security_headers(response)


def test_404_carries_the_security_headers(client):
    response = client.get("/tools/no-such-tool/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_403_csrf_failure_carries_the_security_headers():
    response = Client(enforce_csrf_checks=True).post("/")
    assert response.status_code == 403
    assert_security_headers(response)


def test_500_carries_the_security_headers():
    response = Client(raise_request_exception=False).get("/test-faults/bug/")
    assert response.status_code == 500
    assert_security_headers(response)


def test_503_carries_the_security_headers(client):
    response = client.get("/test-faults/database/")
    assert response.status_code == 503
    assert_security_headers(response)


def test_healthz_carries_the_security_headers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert_security_headers(response)
