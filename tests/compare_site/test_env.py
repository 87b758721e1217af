from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from compare_site.env import database_from_url, env_bool, env_int


def test_unset_database_url_means_sqlite_with_wal_and_immediate_transactions():
    config = database_from_url("", Path("/tmp/x.sqlite3"))
    assert config["ENGINE"] == "core.sqlite"  # Django's, checking its file is still there
    assert config["CONN_MAX_AGE"] > 0 and config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert "busy_timeout" in config["OPTIONS"]["init_command"]


def test_postgres_url_uses_psycopg_with_persistent_connections():
    config = database_from_url("postgres://app:s%40cret@db.internal:6543/shipboard", Path("x"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "app",
        "s@cret",
        "db.internal",
        "6543",
        "shipboard",
    )
    assert config["CONN_MAX_AGE"] > 0
    assert config["CONN_HEALTH_CHECKS"] is True


def test_unknown_database_scheme_is_a_clear_error():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with"):
        database_from_url("mysql://x/y", Path("x"))


def test_env_bool_rejects_words_it_does_not_know(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", True)


def test_env_int_reads_whole_numbers_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("PANEL_MINIMUM_VERDICTS", " ")
    assert env_int("PANEL_MINIMUM_VERDICTS", 3) == 3
    monkeypatch.setenv("PANEL_MINIMUM_VERDICTS", "5")
    assert env_int("PANEL_MINIMUM_VERDICTS", 3) == 5
    monkeypatch.setenv("PANEL_MINIMUM_VERDICTS", "2.5")
    with pytest.raises(ImproperlyConfigured, match="PANEL_MINIMUM_VERDICTS must be a whole number"):
        env_int("PANEL_MINIMUM_VERDICTS", 3)


@pytest.mark.django_db
def test_sqlite_connection_runs_in_wal_mode():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only pragma; this run is on " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The test database is in memory, which SQLite keeps in "memory" journal mode.
    assert mode in {"wal", "memory"}
