"""A cache that fails is a miss, never an error page: the one place that says so."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from core.cache import read_quietly, write_quietly


def _broken(*args, **kwargs):
    raise ConnectionError("cache down")


def test_a_failing_read_is_a_miss_and_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(cache, "get_many", _broken)
    assert read_quietly(["a", "b"], "ranking") == {}
    assert "Cache unavailable: ranking from the database." in caplog.text


def test_a_failing_write_is_dropped(monkeypatch, caplog):
    monkeypatch.setattr(cache, "set_many", _broken)
    write_quietly({"a": 1}, 60, "page")
    assert "Cache unavailable: page not stored." in caplog.text


@pytest.mark.parametrize("timeout", [0, -1])
def test_nothing_is_written_for_no_time(timeout):
    write_quietly({"kept-for-no-time": 1}, timeout, "page")
    assert cache.get("kept-for-no-time") is None


def test_what_is_written_is_read_back():
    write_quietly({"x": [1, 2]}, 60, "page")
    assert read_quietly(["x", "absent"], "page") == {"x": [1, 2]}
