"""What an operator asks when something is off: is each thing the site needs there, and if
not, what to do about it. Used by `manage.py doctor` and by /healthz?verbose for staff.

Each check returns a Finding: a status ("ok", "warning" or "error"), what was found, and for
anything not ok, what to fix. Nothing here prints a password: URLs are shown without them.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.mail import mailers
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.devmail import BACKEND_PATH as DEVELOPMENT_MAIL_BACKEND

OK, WARNING, ERROR = "ok", "warning", "error"
IMMEDIATE_TASKS = "django.tasks.backends.immediate.ImmediateBackend"
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"
# A task still waiting after this long means no worker is taking tasks.
TASK_WAIT_LIMIT = timedelta(minutes=2)


@dataclass(frozen=True)
class Finding:
    name: str
    status: str
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def check_database() -> Finding:
    where = f"{connection.vendor} {connection.settings_dict['NAME']}"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return Finding(
            "database",
            ERROR,
            f"{where}: does not answer ({error}).",
            "Check DATABASE_URL (docs/settings.md#database) and that the database server runs "
            "and accepts connections from here.",
        )
    if plan:
        return Finding(
            "database",
            ERROR,
            f"{where}: answers, but {len(plan)} migration(s) are not applied.",
            "Run `python manage.py migrate --noinput` (once per release, docs/deploying.md).",
        )
    return Finding("database", OK, f"{where}: answers; every migration applied.")


def check_cache() -> Finding:
    backend = settings.CACHES["default"]["BACKEND"]
    redis_url = getattr(settings, "REDIS_URL", "")
    where = f"Redis at {without_password(redis_url)}" if redis_url else "each process's memory"
    key, token = f"doctor:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, token, 10)
        answered = cache.get(key) == token
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - any backend failure is the finding
        answered, reason = False, str(error)
    else:
        reason = "a value written was not read back"
    if not answered:
        return Finding(
            "cache",
            ERROR,
            f"{where} ({backend}): {reason}. Pages are built from the database meanwhile.",
            "Start Redis or correct REDIS_URL; unset REDIS_URL to use each process's memory.",
        )
    if not redis_url and not settings.DEBUG:
        return Finding(
            "cache",
            WARNING,
            f"{where}: works, but each gunicorn worker keeps its own copy of every page and "
            "rate-limit counters fall back to the database.",
            "Set REDIS_URL to share one cache between workers and containers.",
        )
    return Finding("cache", OK, f"{where}: a value written was read back.")


def check_mail() -> Finding:
    mailer = settings.MAILERS.get("default", {})
    backend = mailer.get("BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    options = mailer.get("OPTIONS", {})
    if backend == DEVELOPMENT_MAIL_BACKEND:
        status = OK if settings.DEBUG else ERROR
        return Finding(
            "mail",
            status,
            f"development: nothing is sent; each message is kept in {options.get('directory')} "
            "and listed at /admin/desk/mail/.",
            "" if status == OK else "Set EMAIL_HOST (docs/settings.md#mail).",
        )
    if not backend.endswith("smtp.EmailBackend"):
        return Finding("mail", WARNING, f"{backend}: not checked.", "")
    where = f"SMTP {options.get('host', 'localhost')}:{options.get('port', 25)}"
    connection_ = mailers.default
    try:
        connection_.open()
    except OSError as error:
        return Finding(
            "mail",
            ERROR,
            f"{where}: cannot connect ({error}). Confirmation mail is not sent; digest "
            "deliveries stay queued for the next run.",
            "Set EMAIL_HOST and EMAIL_PORT (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, "
            "EMAIL_USE_TLS) to a server that accepts mail from here (docs/settings.md#mail).",
        )
    finally:
        connection_.close()
    return Finding("mail", OK, f"{where}: accepts connections.")


def check_task_worker() -> Finding:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == IMMEDIATE_TASKS:
        return Finding(
            "task worker",
            OK,
            "immediate backend: tasks run inside the request or command that queues them; "
            "no worker is needed.",
        )
    if backend != DATABASE_TASKS or not apps.is_installed("django_tasks_db"):
        return Finding("task worker", WARNING, f"{backend}: not checked.", "")
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready().filter(
            enqueued_at__lt=timezone.now() - TASK_WAIT_LIMIT
        )
        stuck, oldest = waiting.count(), waiting.order_by("enqueued_at").first()
        failed = DBTaskResult.objects.failed().filter(
            finished_at__gte=timezone.now() - timedelta(days=1)
        )
        failures = failed.count()
    except DatabaseError as error:
        return Finding("task worker", ERROR, f"task table unreadable ({error}).", "See database.")
    if stuck:
        return Finding(
            "task worker",
            ERROR,
            f"{stuck} task(s) waiting since {oldest.enqueued_at:%Y-%m-%d %H:%M} UTC: no worker "
            "is taking them (confirmation mail is not going out).",
            "Start one: `python manage.py db_worker` (the container's entry point and "
            "`make run` start one beside the site; RUN_TASK_WORKER=false turns that off).",
        )
    if failures:
        return Finding(
            "task worker",
            WARNING,
            f"no task waiting, but {failures} failed in the last day.",
            "Read them in the admin (Tasks → DB task results): the traceback says why.",
        )
    return Finding("task worker", OK, "database backend: no task has waited for long.")


def check_storage() -> Finding:
    name = f"doctor-probe-{uuid.uuid4().hex}.txt"
    where = getattr(default_storage, "location", type(default_storage).__name__)
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        with default_storage.open(saved) as probe:
            read_back = probe.read()
        default_storage.delete(saved)
    except Exception as error:  # noqa: BLE001 - any storage failure is the finding
        return Finding(
            "storage",
            ERROR,
            f"uploads ({where}): cannot write and read back a file ({error}).",
            "Make MEDIA_ROOT writable by the site's user, or check STORAGE_BACKEND and "
            "STORAGE_OPTIONS (docs/settings.md#files-static-and-uploads).",
        )
    if read_back != b"ok":
        return Finding("storage", ERROR, f"uploads ({where}): a file read back differs.", "")
    static = storages["staticfiles"]
    if (
        not settings.DEBUG
        and hasattr(static, "manifest_name")
        and not static.exists(static.manifest_name)
    ):
        return Finding(
            "storage",
            ERROR,
            f"uploads ({where}) work, but static files were never collected into "
            f"{settings.STATIC_ROOT}: pages would answer 500.",
            "Run `python manage.py collectstatic --noinput` (the image does it when built).",
        )
    return Finding("storage", OK, f"uploads ({where}): a file was written, read and deleted.")


CHECKS = (check_database, check_cache, check_mail, check_task_worker, check_storage)


def diagnose() -> list[Finding]:
    return [check() for check in CHECKS]
