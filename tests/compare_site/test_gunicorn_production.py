"""The container's start-up, without a container: collectstatic, migrate, then gunicorn from
gunicorn.conf.py with production settings, answering over real HTTP on 127.0.0.1.

Bounded: each server is stopped when its test ends; start-up and every request have deadlines.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest

from tests.compare_site.production import (
    PYTHON,
    REPO,
    free_port,
    manage,
    production_environment,
    running_gunicorn,
)
from tests.conftest import DEMO_COMPARE_URL

HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS-terminating proxy sends


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    """A built site: static files collected into a temporary STATIC_ROOT, a migrated SQLite
    file with the demo data: what `docker build` and the migrate step leave behind."""
    work_dir = tmp_path_factory.mktemp("production")
    env = production_environment(work_dir)
    for command in (
        ["collectstatic", "--noinput"],
        ["migrate", "--noinput"],
        ["loaddata", "demo"],
    ):
        result = manage(env, *command)
        assert result.returncode == 0, f"{command}: {result.stderr}"
    return work_dir


@pytest.fixture(scope="module")
def server(site_dir):
    env = production_environment(site_dir)
    with running_gunicorn(env, site_dir / "gunicorn.log") as running:
        yield running


def hashed_name(site_dir: Path, name: str) -> str:
    manifest = json.loads((site_dir / "static" / "staticfiles.json").read_text())
    return manifest["paths"][name]


def test_healthz_answers_200_with_database_and_cache_ok(server):
    reply = server.get("/healthz")
    assert reply.status == 200
    assert reply.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in reply.headers["Cache-Control"]
    assert reply.headers.get("Set-Cookie") is None


def test_pages_answer_200_and_link_hashed_static_files(server, site_dir):
    for path in ("/", DEMO_COMPARE_URL, "/tools/code-llama-4/"):
        reply = server.get(path, **HTTPS)
        assert reply.status == 200, path
    html = server.get(DEMO_COMPARE_URL, **HTTPS).text
    assert f"/static/{hashed_name(site_dir, 'css/site.css')}" in html
    assert "Code Llama 4" in html


def test_hashed_static_file_is_cached_for_a_year_as_immutable(server, site_dir):
    reply = server.get(f"/static/{hashed_name(site_dir, 'css/site.css')}")
    assert reply.status == 200
    cache_control = reply.headers["Cache-Control"]
    assert "immutable" in cache_control and "public" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600
    assert "Accept-Encoding" in reply.headers["Vary"]


def test_static_file_is_sent_compressed_only_when_the_client_accepts_it(server, site_dir):
    path = f"/static/{hashed_name(site_dir, 'js/htmx.min.js')}"
    plain = server.get(path)
    gzipped = server.get(path, Accept_Encoding="gzip")
    assert plain.headers.get("Content-Encoding") is None
    assert gzipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped.body) == plain.body
    assert len(gzipped.body) < len(plain.body) / 2


def test_security_headers_on_page_404_and_htmx_response_over_https(server):
    responses = {
        "page": server.get(DEMO_COMPARE_URL, **HTTPS),
        "404": server.get("/tools/no-such-tool/", **HTTPS),
        "htmx": server.get(DEMO_COMPARE_URL, HX_Request="true", **HTTPS),
    }
    assert [r.status for r in responses.values()] == [200, 404, 200]
    for name, reply in responses.items():
        headers = reply.headers
        assert headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), name
        assert headers["X-Frame-Options"] == "DENY", name
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "same-origin", name
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", name
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-" not in csp, name
    assert "We couldn't find that page" in responses["404"].text


def test_cookies_are_secure_over_https(server):
    # The admin login form is the one page today that issues a CSRF cookie.
    reply = server.get("/admin/login/", **HTTPS)
    assert reply.status == 200
    cookie = reply.headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=")
    assert "Secure" in cookie and "SameSite=Lax" in cookie


def test_csrf_failure_is_a_readable_403_in_the_site_design(server):
    reply = server.request("POST", "/", {**HTTPS, "Host": "127.0.0.1"})
    assert reply.status == 403
    assert "reload the page and try again" in reply.text
    assert 'class="site-header"' in reply.text
    assert reply.headers["X-Frame-Options"] == "DENY"


def test_access_log_never_records_the_client_address(server):
    server.get("/healthz")
    server.get("/?probe=access-log")
    # The worker writes its access line just after the response leaves: wait a moment.
    log = server.wait_for_log('"GET /?probe=access-log HTTP/1.1" 200')
    access_lines = [
        line for line in log.splitlines() if '" HTTP/1.1" ' in line or ' HTTP/1.1" ' in line
    ]
    assert len(access_lines) >= 2
    # The client connected from 127.0.0.1; the only other mention is the bind address.
    assert not [line for line in access_lines if "127.0.0.1" in line]


def test_container_healthcheck_script_passes_against_the_server(server):
    result = subprocess.run(
        [PYTHON, "deploy/healthcheck.py"],
        cwd=REPO,
        env={**server.env, "GUNICORN_BIND": f"127.0.0.1:{server.port}"},
        capture_output=True,
        text=True,
        timeout=15,
    )
    assert result.returncode == 0, result.stderr
    assert '"status": "ok"' in result.stdout


def test_unreachable_database_answers_503_pages_and_fails_healthz(site_dir):
    env = production_environment(
        site_dir,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/shipboard",
        DB_CONNECT_TIMEOUT="2",
        WEB_CONCURRENCY="1",
    )
    with running_gunicorn(env, site_dir / "gunicorn-no-database.log") as down:
        page = down.get(DEMO_COMPARE_URL, **HTTPS)
        health = down.get("/healthz")
        check = subprocess.run(
            [PYTHON, "deploy/healthcheck.py"],
            cwd=REPO,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{down.port}"},
            capture_output=True,
            timeout=15,
        )
    assert page.status == 503
    assert "Shipboard is briefly unavailable" in page.text
    assert 'href="/static/css/site.css"' in page.text
    assert page.headers["Retry-After"] == "30"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" in page.headers
    assert health.status == 503
    assert health.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert check.returncode == 1


def test_unreachable_redis_keeps_pages_serving_from_the_database(site_dir):
    env = production_environment(
        site_dir, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0", WEB_CONCURRENCY="1"
    )
    with running_gunicorn(env, site_dir / "gunicorn-no-redis.log") as no_redis:
        pages = [no_redis.get(path, **HTTPS) for path in ("/", DEMO_COMPARE_URL, "/healthz")]
    home, comparison, health = pages
    assert home.status == 200 and comparison.status == 200
    assert "Code Llama 4" in comparison.text
    assert health.status == 503
    assert health.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_missing_secret_key_stops_gunicorn_with_a_clear_message(site_dir):
    env = production_environment(site_dir)
    del env["SECRET_KEY"]
    env["GUNICORN_BIND"] = f"127.0.0.1:{free_port()}"
    result = subprocess.run(
        [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stdout + result.stderr
