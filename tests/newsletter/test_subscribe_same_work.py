"""The sign-up request does the same work whoever the address belongs to (issue #16, item 6).

A new address used to cost the request a subscriber row and a task row, a known one neither,
so the answer's timing told a visitor who was on the list. Now every address costs exactly the
same statements on the same tables: one queued `sign_up` task; the worker does the rest.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscriber
from tests.newsletter.factories import ConfirmedSubscriberFactory, SubscriberFactory
from tests.newsletter.helpers import SUBSCRIBE_URL, csrf_from, visitor

STATEMENT = re.compile(r"^\s*(\w+)")
TABLE = re.compile(r'(?:FROM|INTO|UPDATE|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.fixture
def worker_backend(settings):
    """The site's own task backend: the request only queues, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def known_addresses(db):
    """One address in each state the list knows, beside one it has never seen."""
    recently = timezone.now() - timedelta(minutes=1)
    SubscriberFactory(email="pending@example.com", confirmation_sent_at=recently)
    SubscriberFactory(
        email="stale@example.com",
        consent_at=timezone.now() - timedelta(hours=2),
        confirmation_sent_at=timezone.now() - timedelta(hours=2),
    )
    ConfirmedSubscriberFactory(email="confirmed@example.com")
    left = ConfirmedSubscriberFactory(email="left@example.com")
    services.unsubscribe(hashed_address=left.address_hash)
    return ["pending@example.com", "stale@example.com", "confirmed@example.com", "left@example.com"]


def statements(queries) -> list[tuple[str, tuple[str, ...]]]:
    """Each statement as its kind and the tables it names: what it does, not its values."""
    return [
        (STATEMENT.match(query["sql"]).group(1).upper(), tuple(TABLE.findall(query["sql"])))
        for query in queries
    ]


def sign_up_request(email: str, ip: str, *, htmx: bool = False):
    """The sign-up POST alone (the page that carries the form is loaded before counting)."""
    client = visitor(ip)
    token = csrf_from(client.get("/").content.decode())
    headers = {"HX-Request": "true"} if htmx else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            SUBSCRIBE_URL, {"email": email, "csrfmiddlewaretoken": token}, headers=headers
        )
    return response, statements(queries.captured_queries)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("htmx", [False, True])
def test_new_and_known_addresses_cost_the_request_the_same_statements_and_answer(
    worker_backend, known_addresses, htmx
):
    # Each from its own network, so the rate limit's own rows are alike for all of them.
    new_response, new_work = sign_up_request("new@example.com", "198.51.100.1", htmx=htmx)
    assert ("INSERT", ("django_tasks_database_dbtaskresult",)) in new_work
    assert not any("newsletter_subscriber" in tables for _, tables in new_work)
    for number, email in enumerate(known_addresses, start=2):
        response, work = sign_up_request(email, f"198.51.100.{number}", htmx=htmx)
        assert work == new_work, email
        assert (response.status_code, response.get("Location"), response.content) == (
            new_response.status_code,
            new_response.get("Location"),
            new_response.content,
        )


@pytest.mark.django_db(transaction=True)
def test_the_request_writes_no_subscriber_row_the_worker_does(worker_backend):
    response, _ = sign_up_request("reader@example.com", "198.51.100.9")
    assert response.status_code == 303
    assert not Subscriber.objects.exists()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert Subscriber.objects.get().email == "reader@example.com"
