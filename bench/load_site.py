"""The site under test for load runs: a throwaway database and gunicorn on 127.0.0.1.

Used by bench/vote_load.py (the benchmark), tests/votes/test_vote_load.py (the load test) and
the fault tests that break a running site (tests/compare_site/live_site.py).
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEMO_SLUGS = ["code-llama-4", "mistral-8b-instruct-v3"]
LOAD_DATABASE_SUFFIX = "_voteload"
REQUEST_TIMEOUT = 20  # seconds, per HTTP request
STEP_TIMEOUT = 120  # seconds, per migrate/loaddata/recount

Counts = dict[str, tuple[int, int]]  # tool slug -> (ship, skip)


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}


# --- The database the server writes to -------------------------------------------------------


class LoadDatabase:
    """A throwaway database for one load run, and raw-SQL reads of what landed in it."""

    def __init__(self, url: str):
        self.url = url

    @classmethod
    @contextmanager
    def create(
        cls, kind_or_url: str, workdir: Path, *, suffix: str = LOAD_DATABASE_SUFFIX
    ) -> Iterator[LoadDatabase]:
        """`suffix` names the PostgreSQL database beside DATABASE_URL's, so that runs which
        may overlap (the load test, the fault tests) never share one."""
        if is_postgres(kind_or_url):
            database = PostgresLoadDatabase.for_url(kind_or_url, suffix=suffix)
        else:
            database = cls(f"sqlite:///{workdir / 'vote-load.sqlite3'}")
        database.reset()
        try:
            yield database
        finally:
            database.drop()

    def reset(self) -> None:
        path = Path(unquote(urlsplit(self.url).path))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def drop(self) -> None:
        self.reset()

    def query(self, sql: str) -> list[tuple]:
        connection = sqlite3.connect(unquote(urlsplit(self.url).path), timeout=20)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def vote_rows(self) -> Counts:
        counts: dict[str, list[int]] = {}
        for slug, choice, number in self.query(
            "SELECT t.slug, v.choice, COUNT(*) FROM votes_vote v "
            "JOIN tools_tool t ON t.id = v.tool_id GROUP BY t.slug, v.choice"
        ):
            counts.setdefault(slug, [0, 0])[0 if choice == "ship" else 1] = number
        return {slug: (ship, skip) for slug, (ship, skip) in counts.items()}

    def tallies(self) -> Counts:
        """Every stored vote's tally: counted plus held (voided votes are never made here)."""
        rows = self.query(
            "SELECT t.slug, vt.ship_count + vt.held_ship_count, "
            "vt.skip_count + vt.held_skip_count FROM votes_votetally vt "
            "JOIN tools_tool t ON t.id = vt.tool_id"
        )
        return {slug: (ship, skip) for slug, ship, skip in rows if ship or skip}

    def counted(self) -> Counts:
        """The public figures alone: what the network cap lets count."""
        rows = self.query(
            "SELECT t.slug, vt.ship_count, vt.skip_count FROM votes_votetally vt "
            "JOIN tools_tool t ON t.id = vt.tool_id"
        )
        return {slug: (ship, skip) for slug, ship, skip in rows if ship or skip}


class PostgresLoadDatabase(LoadDatabase):
    """A dedicated database beside the one DATABASE_URL names (its name + "_voteload")."""

    @classmethod
    def for_url(cls, url: str, *, suffix: str = LOAD_DATABASE_SUFFIX) -> PostgresLoadDatabase:
        parts = urlsplit(url)
        name = unquote(parts.path.lstrip("/")) or "postgres"
        return cls(parts._replace(path=f"/{name}{suffix}").geturl())

    @property
    def name(self) -> str:
        return unquote(urlsplit(self.url).path.lstrip("/"))

    def _connect(self, database: str):
        import psycopg

        parts = urlsplit(self.url)
        return psycopg.connect(
            dbname=database,
            user=unquote(parts.username or "") or None,
            password=unquote(parts.password or "") or None,
            host=parts.hostname or None,
            port=parts.port or None,
            connect_timeout=5,
            autocommit=True,
        )

    def _maintenance(self, statement: str) -> None:
        from psycopg import sql

        with self._connect("postgres") as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def reset(self) -> None:
        self._maintenance("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._maintenance("CREATE DATABASE {}")

    def drop(self) -> None:
        self._maintenance("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    def query(self, sql: str) -> list[tuple]:
        with self._connect(self.name) as connection:
            return connection.execute(sql).fetchall()


# --- The server -----------------------------------------------------------------------------


NETWORK_CAP = 10


def server_environment(database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DATABASE_URL=database_url,
        VOTE_RATE_LIMIT="0",  # measure counting, not the limiter
        # Every client is 127.0.0.1, one network: all but this many votes per tool are held.
        VOTE_NETWORK_DAILY_CAP=str(NETWORK_CAP),
        DEBUG="true",  # serves templates without a collectstatic manifest
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py and wsgi.py set the site's own
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


WSGI_APP = "compare_site.wsgi:application"


@contextmanager
def gunicorn(env: dict[str, str], log_path: Path, *, workers: int = 2) -> Iterator[str]:
    """Run the site under gunicorn; yield its base URL; stop it afterwards."""
    with gunicorn_process(env, log_path, workers=workers) as (address, _server):
        yield address


@contextmanager
def gunicorn_process(
    env: dict[str, str], log_path: Path, *, workers: int = 2, app: str = WSGI_APP
) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn() that also yields the master process, for tests that kill its workers."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--timeout", "30", "--graceful-timeout", "5",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_serving("127.0.0.1", port, server, deadline=time.monotonic() + 30)
        yield f"127.0.0.1:{port}", server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def wait_until_serving(host: str, port: int, server: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode} at start-up")
        try:
            status, _, _ = request(host, port, "GET", f"/tools/{DEMO_SLUGS[0]}/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")


def request(host, port, method, path, body=None, headers=None):
    """One HTTP request on a fresh connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.msg.get_all("Set-Cookie") or [], response.read()
    finally:
        connection.close()
