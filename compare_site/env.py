"""Tiny helpers that read settings from the environment with clear errors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_number(name: str, default, convert, kind: str):
    """`convert` of the variable (unset or blank: `default`); a value it refuses stops start-up
    with "NAME must be <kind>"."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return convert(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {kind}, not {raw!r}.") from None


def env_int(name: str, default: int) -> int:
    return env_number(name, default, int, "a whole number")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Seconds a database may keep a request waiting (DATABASE_TIMEOUT): well inside gunicorn's
# worker timeout, so a stuck database gets the 503 page, not a killed worker.
DEFAULT_DATABASE_TIMEOUT = 5.0


def sqlite_database(path: Path, timeout: float = DEFAULT_DATABASE_TIMEOUT) -> dict:
    """SQLite tuned for several writers: WAL journal, IMMEDIATE transactions, a busy wait of
    `timeout` seconds (then "database is locked", a 503; 0: wait up to an hour)."""
    busy = timeout if timeout > 0 else 3600.0
    return {
        # Django's SQLite backend, plus a check that the file is still the one it opened.
        "ENGINE": "core.sqlite",
        "NAME": path,
        # Keep each worker's connection: opening one runs the PRAGMAs below every time.
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy
            # timeout instead of failing with "database is locked" on lock upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": busy,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={round(busy * 1000)};"
                "PRAGMA foreign_keys=ON;"
            ),
        },
    }


def database_from_url(
    url: str, default_sqlite_path: Path, timeout: float = DEFAULT_DATABASE_TIMEOUT
) -> dict:
    """Turn DATABASE_URL into a Django DATABASES entry (sqlite:/// or postgres://).

    `timeout` (seconds, 0: none) bounds each statement: SQLite's busy wait, PostgreSQL's
    statement_timeout (core/faults.py adds a client-side deadline for a server that has
    stopped answering altogether).
    """
    if not url:
        return sqlite_database(default_sqlite_path, timeout)
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        return sqlite_database(Path(path) if path else default_sqlite_path, timeout)
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "postgres",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # Persistent connections: a page view should not pay for a new connection.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "connect_timeout": env_int("DB_CONNECT_TIMEOUT", 5),
                # Server-side: a statement (a slow query, a wait for a lock) is cancelled.
                "options": f"-c statement_timeout={round(timeout * 1000)}",
            },
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with postgres:// or sqlite:///, not {parts.scheme or url!r}."
    )


# --- Production ---
def env_float(name: str, default: float) -> float:
    return env_number(name, default, float, "a number")


def env_json_object(name: str) -> dict:
    """A JSON object such as '{"bucket_name": "shipboard"}'; unset or empty means {}."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a JSON object: {error}.") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {type(value).__name__}.")
    return value


# --- end Production ---
