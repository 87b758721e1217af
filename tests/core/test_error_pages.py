"""404, 403 (CSRF included), 400, 500 and 503 pages in the site's own design."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from core.errors import server_error
from throttle.models import RateBucket

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.compare_site.fault_urls")]

SITE_HEADER = 'class="site-header"'


def test_unknown_page_gets_the_404_page_with_the_site_header(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn't find that page" in html and SITE_HEADER in html


def test_forbidden_view_gets_the_403_page(client):
    response = client.get("/test-faults/forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You can't open this page" in html and SITE_HEADER in html


def test_csrf_failure_tells_the_reader_to_reload_and_try_again_and_writes_nothing():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/", {"anything": "1"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert "reload the page and try again" in html
    assert SITE_HEADER in html
    assert "CSRF" not in html  # Django's technical reason stays out of the reader's way
    assert RateBucket.objects.count() == 0


def test_bad_host_header_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "We couldn't understand that request" in html and SITE_HEADER in html


def test_a_bug_gets_the_standalone_500_page_without_touching_the_database(
    django_assert_num_queries,
):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/test-faults/bug/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert SITE_HEADER in html and 'href="/static/css/site.css"' in html


def test_server_error_handler_answers_503_for_a_database_outage_outside_a_view():
    """A session read in middleware can fail too; handler500 sees it and answers 503."""
    request = RequestFactory().get("/")
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "Shipboard is briefly unavailable" in response.content.decode()


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_standalone_error_pages_carry_no_inline_script_or_style(template):
    from django.template import loader

    html = loader.get_template(template).render({})
    assert html.startswith("<!doctype html>")
    assert "<script" not in html and "<style" not in html and "style=" not in html
