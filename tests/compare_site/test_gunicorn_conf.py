"""gunicorn.conf.py: bind, workers and timeouts from the environment; no client IP in logs."""

from __future__ import annotations

import logging
import runpy
from unittest import mock

import pytest

from tests.compare_site.production import REPO

CONF = str(REPO / "gunicorn.conf.py")
GUNICORN_VARIABLES = (
    "PORT",
    "GUNICORN_BIND",
    "WEB_CONCURRENCY",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_ACCESS_LOG",
    "GUNICORN_LOG_LEVEL",
)


@pytest.fixture
def load_conf(monkeypatch):
    for name in GUNICORN_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def load(**env: str) -> dict:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(CONF)

    return load


def test_access_log_format_has_no_client_address(load_conf):
    conf = load_conf()
    log_format = conf["access_log_format"]
    assert "%(h)s" not in log_format  # gunicorn's remote-address atom
    for header_atom in ("{x-forwarded-for}i", "{x-real-ip}i", "{forwarded}i", "{remote_addr}e"):
        assert header_atom not in log_format.lower()
    assert "%(r)s" in log_format and "%(s)s" in log_format


def test_gunicorn_error_log_redacts_the_client_address(load_conf):
    conf = load_conf()
    record = logging.LogRecord(
        "gunicorn.error",
        logging.WARNING,
        __file__,
        1,
        "Invalid request from ip=%s: %s",
        ("203.0.113.7", "Invalid HTTP method"),
        None,
    )
    assert conf["RedactClientAddress"]().filter(record)
    assert record.getMessage() == "Invalid request from ip=[redacted]: Invalid HTTP method"


def test_bind_comes_from_port_or_gunicorn_bind(load_conf):
    assert load_conf()["bind"] == ["0.0.0.0:8000"]
    assert load_conf(PORT="9000")["bind"] == ["0.0.0.0:9000"]
    assert load_conf(GUNICORN_BIND="127.0.0.1:8123")["bind"] == ["127.0.0.1:8123"]


def test_workers_come_from_web_concurrency(load_conf):
    assert load_conf(WEB_CONCURRENCY="3")["workers"] == 3


def test_default_workers_are_two_per_core_plus_one_capped(load_conf, monkeypatch):
    conf = load_conf()
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert conf["default_workers"]() == 5
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert conf["default_workers"]() == conf["MAX_DEFAULT_WORKERS"] == 8


def test_sync_workers_with_timeouts_and_the_django_app(load_conf):
    conf = load_conf(GUNICORN_TIMEOUT="45")
    assert conf["worker_class"] == "sync"
    assert conf["timeout"] == 45
    assert conf["graceful_timeout"] == 30
    assert conf["wsgi_app"] == "compare_site.wsgi:application"
    assert conf["preload_app"] is True


def test_unreadable_number_stops_with_the_variable_named(load_conf):
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY must be a whole number"):
        load_conf(WEB_CONCURRENCY="lots")


def test_each_worker_drops_database_connections_inherited_from_the_master(load_conf):
    conf = load_conf()
    with mock.patch("django.db.connections.close_all") as close_all:
        conf["post_fork"](server=None, worker=None)
    close_all.assert_called_once_with()
