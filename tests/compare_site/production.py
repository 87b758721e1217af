"""Run Shipboard the way a container does: separate processes, production environment.

Every helper here is bounded in time: a process that hangs is killed, a server that does not
answer within its deadline fails the test.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
START_DEADLINE_SECONDS = 30
REQUEST_TIMEOUT_SECONDS = 10


def strong_secret_key() -> str:
    return secrets.token_urlsafe(50)


def base_environment(**variables: str) -> dict[str, str]:
    """Only what a process needs to run, plus `variables`: no setting leaks in from the
    environment pytest runs in (DATABASE_URL, REDIS_URL, DEBUG...)."""
    env = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ
    }
    env.update(variables)
    return env


def production_environment(work_dir: Path, **overrides: str) -> dict[str, str]:
    """DEBUG off, a strong key, local SQLite and static root inside `work_dir`."""
    defaults = {
        "DEBUG": "false",
        "SECRET_KEY": strong_secret_key(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        # The tests play the TLS-terminating proxy: they send X-Forwarded-Proto themselves.
        "TRUSTED_PROXY_COUNT": "1",
        "DATA_DIR": str(work_dir / "data"),
        "DATABASE_URL": f"sqlite:///{work_dir / 'data' / 'shipboard.sqlite3'}",
        "STATIC_ROOT": str(work_dir / "static"),
        "MEDIA_ROOT": str(work_dir / "media"),
    }
    return base_environment(**{**defaults, **overrides})


def manage(env: dict[str, str], *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def settings_in_subprocess(env: dict[str, str], *names: str) -> dict:
    """Load the settings module in a fresh process under `env`; return the named settings."""
    script = (
        "import json, os, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'compare_site.settings')\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (closed again at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Server:
    port: int
    log_path: Path
    env: dict[str, str]

    def request(self, method: str, path: str, headers: dict[str, str] | None = None) -> Reply:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_SECONDS
        )
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path: str, **headers: str) -> Reply:
        return self.request(
            "GET", path, {name.replace("_", "-"): value for name, value in headers.items()}
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, text: str, seconds: float = 5) -> str:
        deadline = time.monotonic() + seconds
        while text not in (log := self.log()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert text in log, log
        return log


@contextmanager
def running_gunicorn(env: dict[str, str], log_path: Path):
    """gunicorn started exactly as the container starts it, on a free 127.0.0.1 port."""
    port = free_port()
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": env.get("WEB_CONCURRENCY", "2"),
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(port=port, log_path=log_path, env=env)
    try:
        _wait_until_listening(process, server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_until_listening(process: subprocess.Popen, server: Server) -> None:
    deadline = time.monotonic() + START_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited with {process.returncode}:\n{server.log()}")
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(
        f"gunicorn did not listen within {START_DEADLINE_SECONDS} s:\n{server.log()}"
    )
