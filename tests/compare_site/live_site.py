"""A throwaway copy of the site under gunicorn, for fault tests that break it for real.

The database is the kind this test run uses: PostgreSQL when DATABASE_URL points there (a
fresh database beside it, named with the caller's suffix, dropped afterwards), else a SQLite
file in a temporary folder. It is migrated and loaded with the demo data, its static files are
collected, and it is served by gunicorn on a free 127.0.0.1 port (bench/load_site.py) with
production settings (DEBUG off: error pages are the site's own, as visitors would see them).
Every request, wait and process here is bounded in time, and every process started here is
stopped here.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

from bench.load_site import (
    WSGI_APP,
    LoadDatabase,
    gunicorn_process,
    is_postgres,
    manage,
    server_environment,
)
from tests.compare_site.production import Reply

REQUEST_TIMEOUT = 20  # seconds; a request that hangs longer fails its test
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VOTER_COOKIE = "shipboard_voter"
# The two demo tools (fixtures/demo.json): the vote under test and somewhere else to vote.
TOOL = "code-llama-4"
OTHER_TOOL = "mistral-8b-instruct-v3"

Counts = dict[str, tuple[int, int]]  # tool slug -> (ship, skip)


def run_database() -> str:
    """ "sqlite", or the postgres:// URL this test run uses (DATABASE_URL)."""
    url = os.environ.get("DATABASE_URL", "")
    return url if is_postgres(url) else "sqlite"


def on_postgres() -> bool:
    return run_database() != "sqlite"


# --- HTTP, like a browser without JavaScript (or with htmx) ----------------------------------


class Browser:
    """Keeps cookies, reads the CSRF token from the page it opened, and votes."""

    def __init__(self, address: str):
        host, port = address.rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, body: str = "", headers=None) -> Reply:
        """One request on a fresh connection. A dropped connection raises (OSError or
        http.client.HTTPException), as it does for a real client."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read())
        finally:
            connection.close()
        for cookie in reply.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return reply

    def get(self, path: str, **headers: str) -> Reply:
        return self.request("GET", path, headers=headers)

    def open(self, path: str) -> Reply:
        reply = self.get(path)
        assert reply.status == 200, f"GET {path}: {reply.status}"
        self.token = CSRF_FIELD.search(reply.text).group(1)
        return reply

    def vote(self, slug: str, *, choice: str = "", undo: bool = False, htmx=False) -> Reply:
        data = {"csrfmiddlewaretoken": self.token}
        if undo:
            data["undo"] = "1"
        else:
            data["choice"] = choice
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{self.host}:{self.port}/tools/{slug}/",
        }
        if htmx:
            headers["HX-Request"] = "true"
        return self.request("POST", f"/tools/{slug}/vote/", urlencode(data), headers)

    @property
    def voter_id(self) -> str:
        """The id inside the signed voter cookie ("<id>:<timestamp>:<signature>")."""
        return self.cookies[VOTER_COOKIE].strip('"').split(":", 1)[0]


def vote_accepted(reply: Reply) -> bool:
    """A non-JS vote that counted is a 303 back to the page (POST/redirect/GET)."""
    return reply.status == 303


# --- The running site ------------------------------------------------------------------------


@dataclass
class LiveSite:
    database: LoadDatabase
    env: dict[str, str]
    address: str
    master: subprocess.Popen
    log_path: Path

    @property
    def kind(self) -> str:
        return "postgresql" if is_postgres(self.database.url) else "sqlite"

    @property
    def sqlite_path(self) -> Path:
        return Path(unquote(urlsplit(self.database.url).path))

    def browser(self) -> Browser:
        return Browser(self.address)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def manage(self, *args: str) -> str:
        return manage(self.env, *args)

    # -- raw reads of the database the server writes to, never through Django --------------

    def connect_postgres(self, **options):
        import psycopg

        url = urlsplit(self.database.url)._replace(scheme="postgresql").geturl()
        return psycopg.connect(url, connect_timeout=5, **options)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """`sql` with %s placeholders, on a fresh connection (SQLite gets ? instead)."""
        if self.kind == "postgresql":
            with self.connect_postgres(autocommit=True) as connection:
                return connection.execute(sql, params).fetchall()
        with closing(sqlite3.connect(self.sqlite_path, timeout=20)) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()

    def vote_rows(self) -> Counts:
        """Vote rows counted per tool and choice (tools without votes left out)."""
        return self.database.vote_rows()

    def tallies(self) -> Counts:
        """The tally rows (tools whose counts are both 0 left out)."""
        return self.database.tallies()

    def votes_of(self, voter_id: str) -> dict[str, str]:
        """{tool slug: choice} for one voter, as committed."""
        rows = self.query(
            "SELECT t.slug, v.choice FROM votes_vote v JOIN tools_tool t ON t.id = v.tool_id "
            "WHERE v.voter_id = %s",
            (voter_id,),
        )
        return dict(rows)

    # -- gunicorn's worker processes --------------------------------------------------------

    def worker_pids(self) -> list[int]:
        """Live worker processes (children of the gunicorn master), from /proc."""
        return [pid for pid, state in children_of(self.master.pid) if state != "Z"]

    def wait_until_serving(self, seconds: float = 30) -> None:
        """Until a worker answers (after a kill, gunicorn forks a new one)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                if self.browser().get("/healthz").status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"no worker answered within {seconds} s:\n{self.log()}")
            time.sleep(0.1)


def children_of(parent: int) -> list[tuple[int, str]]:
    """(pid, state) of each child process of `parent`, read from /proc/<pid>/stat."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # "pid (command) state ppid ...": the command may hold spaces, so split after ")".
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == parent:
            children.append((int(entry.name), state))
    return children


def process_state(pid: int) -> str | None:
    """ "R", "S", "T" (stopped)... or None once the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def kill_if_running(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def wait_for(condition, seconds: float, message: str, interval: float = 0.05):
    """Poll `condition()` until it returns something truthy; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} (waited {seconds} s)")
        time.sleep(interval)


@contextmanager
def live_site(
    workdir: Path, *, suffix: str, workers: int = 1, app: str = WSGI_APP, **env: str
) -> Iterator[LiveSite]:
    """The demo site on this run's kind of database, under gunicorn; `env` overrides the
    server's environment (bench/load_site.server_environment, then production settings)."""
    with LoadDatabase.create(run_database(), workdir, suffix=suffix) as database:
        production = {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1, as behind a proxy
            "STATIC_ROOT": str(workdir / "static"),
        }
        server_env = {**server_environment(database.url), **production, **env}
        manage(server_env, "collectstatic", "--noinput")
        manage(server_env, "migrate", "--noinput")
        manage(server_env, "loaddata", "demo")
        log_path = workdir / f"gunicorn{suffix}.log"
        with gunicorn_process(server_env, log_path, workers=workers, app=app) as (address, master):
            yield LiveSite(database, server_env, address, master, log_path)
