"""Persistent SQLite connections let go of a database file that was moved or replaced."""

from __future__ import annotations

import pytest

from compare_site.env import sqlite_database
from core.sqlite.base import DatabaseWrapper

# A connection of its own to a file of its own, outside the test database: allowed explicitly.
pytestmark = pytest.mark.django_db


def connect(path) -> DatabaseWrapper:
    settings = {
        **sqlite_database(path),
        "TIME_ZONE": None,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
    }
    wrapper = DatabaseWrapper(settings, alias="probe")
    wrapper.ensure_connection()
    return wrapper


def test_connection_to_the_same_file_stays_usable(tmp_path):
    wrapper = connect(tmp_path / "site.sqlite3")
    assert wrapper.is_usable()
    wrapper.close()


def test_connection_whose_file_was_replaced_is_not_reused(tmp_path):
    path = tmp_path / "site.sqlite3"
    wrapper = connect(path)
    path.rename(tmp_path / "aside.sqlite3")
    path.mkdir()  # as when the volume holding the file is gone
    assert not wrapper.is_usable()
    wrapper.close()
