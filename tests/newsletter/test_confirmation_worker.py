"""The confirmation mail leaves the request: django-tasks-db queues it, `db_worker` sends it.

With no worker running the sign-up still answers at once and nothing is sent; the task waits
in the database, and the mail goes out (once, however often the reader asked) when a worker
runs. These tests use the site's own task settings (the database backend), a real SMTP
server and the real `db_worker` command.
"""

from __future__ import annotations

import pytest
from django.conf import settings as site_settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber
from tests.compare_site.production import base_environment, settings_in_subprocess
from tests.newsletter.factories import ConfirmedSubscriberFactory
from tests.newsletter.helpers import subscribe, visitor

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@pytest.fixture
def worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}


def run_worker_until_idle() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_the_site_queues_tasks_in_the_database_for_a_worker():
    development = settings_in_subprocess(base_environment(DEBUG="true"), "TASKS", "INSTALLED_APPS")
    assert development["TASKS"]["default"]["BACKEND"] == DATABASE_BACKEND
    assert "django_tasks_db" in development["INSTALLED_APPS"]
    assert "django_tasks_db" in site_settings.INSTALLED_APPS


@pytest.mark.django_db(transaction=True)
def test_with_the_worker_down_a_sign_up_answers_at_once_and_mail_waits(worker_backend, smtp_server):
    response = subscribe(visitor(), "reader@example.com")
    assert response.status_code == 303
    assert smtp_server.received == []  # nothing was sent inside the request
    [queued] = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert queued.task_path == "newsletter.tasks.sign_up"
    assert not Subscriber.objects.exists()  # the worker, not the request, looks the address up

    run_worker_until_idle()  # the worker comes back

    [mail] = smtp_server.received
    assert mail.recipients == ["reader@example.com"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Subscriber.objects.get().confirmation_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_asking_twice_while_the_worker_is_down_sends_one_mail(worker_backend, smtp_server):
    reader = visitor()
    for _ in range(2):
        assert subscribe(reader, "reader@example.com").status_code == 303
    run_worker_until_idle()
    assert len(smtp_server.to("reader@example.com")) == 1


@pytest.mark.django_db(transaction=True)
def test_a_known_address_queues_the_same_task_and_the_worker_says_it_is_on_the_list(
    worker_backend, smtp_server
):
    ConfirmedSubscriberFactory(email="known@example.com")
    known = subscribe(visitor(), "known@example.com")
    new = subscribe(visitor("198.51.100.8"), "new@example.com")
    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    tasks = DBTaskResult.objects.order_by("enqueued_at")
    assert [task.task_path for task in tasks] == ["newsletter.tasks.sign_up"] * 2
    assert smtp_server.received == []

    run_worker_until_idle()

    [notice] = smtp_server.to("known@example.com")
    assert notice.message["Subject"] == "You're already subscribed to Weekly AI Tool Verdicts"
    [confirmation] = smtp_server.to("new@example.com")
    assert confirmation.message["Subject"].startswith("Confirm your subscription")
    assert Subscriber.objects.get(email="known@example.com").is_confirmed
    outcomes = sorted(task.return_value for task in DBTaskResult.objects.all())
    assert outcomes == ["already subscribed", "confirmation"]
