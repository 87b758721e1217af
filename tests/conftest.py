from __future__ import annotations

import pytest
from django.core.management import call_command

DEMO_COMPARE_URL = "/compare/code-llama-4-vs-mistral-8b-instruct-v3/"


@pytest.fixture
def demo_data(db):
    """The seed comparison, loaded from the demo fixture exactly as `make run` loads it."""
    call_command("loaddata", "demo", verbosity=0)


@pytest.fixture
def sample_data(demo_data):
    """The demo, then the invented sample tools (fixtures/sample.json), as `make run` loads them.
    Kept out of demo_data: tests that count the demo's tools and comparisons stay exact."""
    call_command("loaddata", "sample", verbosity=0)


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """No test writes into the project's media folder."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def editor(db):
    from tests.desk.factories import EditorFactory

    return EditorFactory()


@pytest.fixture
def editor_client(editor):
    """A client signed in as a member of the Editors group (staff, not superuser)."""
    from django.test import Client

    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def _tasks_run_where_they_are_enqueued(settings):
    """Tests run tasks at once, in the test (the immediate backend); the worker's own tests
    (tests/newsletter/test_confirmation_worker.py) put the database backend back."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Sign-in tests hash many passwords; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test's database starts afresh, stamps included, so the cache must too: a page kept
    from another test under the same stamp would be that test's page."""
    from django.core.cache import cache

    from throttle.limits import forget_counts

    cache.clear()
    forget_counts()  # what this process remembers of Redis's rate-limit counts
    yield
    cache.clear()
    forget_counts()


@pytest.fixture
def redis_url() -> str:
    """An emptied Redis database for tests of the shared cache (REDIS_TEST_URL, default db 15).

    Skips with the reason where no Redis runs; in CI (CI set) that is a failure instead.
    """
    import os

    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {url}")
        pytest.skip(f"Redis is not reachable at {url}")
    return url


@pytest.fixture(autouse=True)
def _rate_limit_clock_mid_window(monkeypatch):
    """Rate limits count in fixed windows of wall-clock time; a test that crossed a window's
    edge between two requests would see its count start again. Tests run at a fixed instant,
    30 s into a minute (live servers started by a test process keep the real clock)."""
    from types import SimpleNamespace

    import throttle.limits

    monkeypatch.setattr(throttle.limits, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))
