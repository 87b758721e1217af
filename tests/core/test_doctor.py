"""`manage.py doctor` and /healthz?verbose: each thing the site needs, and what to fix."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core import doctor
from tests.compare_site.production import free_port

pytestmark = pytest.mark.django_db

SMTP_NOWHERE = {
    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "OPTIONS": {"host": "127.0.0.1", "port": None, "timeout": 2},
}


def run_doctor() -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("doctor", "--wait", "0", stdout=out, no_color=True)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_a_healthy_development_site_passes_every_check(settings, tmp_path):
    settings.MAILERS = {
        "default": {
            "BACKEND": "core.devmail.ReadableMailBackend",
            "OPTIONS": {"directory": tmp_path},
        }
    }
    settings.DEBUG = True
    out, error = run_doctor()
    assert error is None
    for name in ("database", "cache", "mail", "task worker", "storage"):
        assert f"ok  {name}: " in out
    assert "Everything the site needs answered." in out


def test_an_unreachable_mail_server_is_an_error_that_says_what_to_set(settings):
    settings.MAILERS = {"default": {**SMTP_NOWHERE, "OPTIONS": {**SMTP_NOWHERE["OPTIONS"]}}}
    settings.MAILERS["default"]["OPTIONS"]["port"] = free_port()
    out, error = run_doctor()
    assert "ERROR  mail: SMTP 127.0.0.1:" in out and "cannot connect" in out
    assert "fix: Set EMAIL_HOST and EMAIL_PORT" in out
    assert error is not None and error.returncode == 1 and "mail" in str(error)


def test_unapplied_migrations_are_an_error_naming_the_command(monkeypatch):
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("a migration", False)],
    )
    finding = doctor.check_database()
    assert finding.status == doctor.ERROR
    assert "1 migration(s) are not applied" in finding.detail
    assert "manage.py migrate" in finding.fix


def test_a_cache_that_drops_writes_is_an_error(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    finding = doctor.check_cache()
    assert finding.status == doctor.ERROR and "REDIS_URL" in finding.fix


def test_production_without_redis_is_a_warning(settings):
    settings.DEBUG, settings.REDIS_URL = False, ""
    assert doctor.check_cache().status == doctor.WARNING


def test_uploads_that_cannot_be_written_are_an_error(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker)},
        },
    }
    finding = doctor.check_storage()
    assert finding.status == doctor.ERROR and "MEDIA_ROOT" in finding.fix


def test_passwords_never_appear():
    assert doctor.without_password("redis://:s3cret@cache:6379/0") == "redis://:***@cache:6379/0"
    assert doctor.without_password("redis://cache:6379/0") == "redis://cache:6379/0"


def test_healthz_verbose_gives_staff_every_check(editor_client):
    response = editor_client.get("/healthz?verbose")
    assert response.status_code == 200
    names = [check["name"] for check in response.json()["checks"]]
    assert names == ["database", "cache", "mail", "task worker", "storage"]


def test_healthz_verbose_for_anyone_else_is_the_plain_probe(client):
    response = client.get("/healthz?verbose")
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": doctor.DATABASE_TASKS}}


def test_tasks_waiting_with_no_worker_are_an_error_naming_db_worker(database_tasks):
    from django_tasks_db.models import DBTaskResult

    from core.tasks import ping

    result = ping.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - doctor.TASK_WAIT_LIMIT - timedelta(seconds=1)
    )
    finding = doctor.check_task_worker()
    assert finding.status == doctor.ERROR
    assert "1 task(s) waiting" in finding.detail and "db_worker" in finding.fix


def test_a_probe_task_nobody_runs_is_an_error(database_tasks):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("doctor", "--wait", "0.5", stdout=out, no_color=True)
    assert "ERROR  task worker: a probe task was not run within 0.5 s" in out.getvalue()
