"""deploy/healthcheck.py finds gunicorn and a Host header ALLOWED_HOSTS accepts."""

from __future__ import annotations

import runpy

import pytest

from tests.compare_site.production import REPO


@pytest.fixture
def script(monkeypatch):
    for name in ("GUNICORN_BIND", "PORT", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    return runpy.run_path(str(REPO / "deploy" / "healthcheck.py"))


@pytest.mark.parametrize(
    ("env", "address"),
    [
        ({}, "127.0.0.1:8000"),
        ({"PORT": "9000"}, "127.0.0.1:9000"),
        ({"GUNICORN_BIND": "0.0.0.0:8123"}, "127.0.0.1:8123"),
        ({"GUNICORN_BIND": "10.0.0.5:8123,127.0.0.1:9"}, "10.0.0.5:8123"),
        ({"GUNICORN_BIND": "[::1]:8123"}, "[::1]:8123"),
    ],
)
def test_probe_address_follows_gunicorn_bind_then_port(script, monkeypatch, env, address):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert script["probe_address"]() == address


def test_unix_socket_bind_is_a_clear_error(script, monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "unix:/run/shipboard.sock")
    with pytest.raises(SystemExit, match="not a TCP address"):
        script["probe_address"]()


@pytest.mark.parametrize(
    ("allowed_hosts", "host"),
    [
        ("shipboard.example,www.shipboard.example", "shipboard.example"),
        (".shipboard.example", "shipboard.example"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_host_header_is_one_allowed_hosts_accepts(script, monkeypatch, allowed_hosts, host):
    monkeypatch.setenv("ALLOWED_HOSTS", allowed_hosts)
    assert script["host_header"]() == host
