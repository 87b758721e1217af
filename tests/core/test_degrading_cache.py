"""With Redis unreachable the site keeps serving from the database (core/cache.py)."""

from __future__ import annotations

import logging
import time
from unittest import mock

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCacheClient
from django.test import Client, RequestFactory, override_settings

from core import cache as degrading
from core.cache import DegradingRedisCache
from tests.compare_site.production import free_port
from throttle.limits import check_rate
from throttle.models import RateBucket
from throttle.rates import Rate

# This worktree's own Redis database (see the brief), with its own key prefix.


@pytest.fixture(autouse=True)
def closed_circuits():
    degrading._unavailable_until.clear()
    yield
    degrading._unavailable_until.clear()


def cache_settings(backend: str, url: str, **options) -> dict:
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": "wt-prod-tests",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options},
        }
    }


def unreachable_cache(**options) -> DegradingRedisCache:
    return DegradingRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options}},
    )


def test_unreachable_redis_reads_miss_and_writes_are_dropped():
    cache = unreachable_cache()
    assert cache.get("page", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("page") is False
    assert cache.set("page", "html") is None
    assert cache.add("page", "html") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.touch("page") is False
    assert cache.delete("page") is False
    assert cache.delete_many(["a"]) is None
    assert cache.get_or_set("page", "built") == "built"


def test_unreachable_redis_counters_raise_so_callers_can_count_elsewhere():
    cache = unreachable_cache()
    with pytest.raises(redis.RedisError):
        cache.incr("hits")
    with pytest.raises(redis.RedisError):  # circuit open: fails at once, still loudly
        cache.decr("hits")


def test_after_one_failure_redis_is_left_alone_until_retry_after_passes():
    cache = unreachable_cache(retry_after=30)
    with mock.patch.object(
        RedisCacheClient, "get_client", autospec=True, side_effect=RedisCacheClient.get_client
    ) as get_client:
        for _ in range(20):
            assert cache.get("page") is None
        assert get_client.call_count == 1
        with mock.patch.object(degrading.time, "monotonic", return_value=time.monotonic() + 31):
            cache.get("page")
        assert get_client.call_count == 2


def test_an_outage_is_logged_once_not_once_per_call(caplog):
    cache = unreachable_cache(retry_after=30)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(10):
            cache.set("page", "html")
            cache.get("page")
    assert len(caplog.records) == 1
    assert "Redis unavailable" in caplog.records[0].getMessage()


def test_retry_after_is_not_passed_to_the_redis_client():
    cache = unreachable_cache(retry_after=12)
    assert cache.retry_after == 12
    assert "retry_after" not in cache._cache._pool_options


def test_working_redis_stores_and_returns_values(redis_url):
    with override_settings(CACHES=cache_settings("core.cache.DegradingRedisCache", redis_url)):
        cache = caches["default"]
        cache.set("roundtrip", {"figure": 72}, 30)
        assert cache.get("roundtrip") == {"figure": 72}
        assert cache.add("counter", 0, 30) is True
        assert cache.incr("counter") == 1
        cache.delete_many(["roundtrip", "counter"])
        assert cache.get("roundtrip") is None


@pytest.mark.django_db
@pytest.mark.urls("tests.compare_site.fault_urls")
def test_cached_page_is_built_from_the_database_while_redis_is_down():
    url = f"redis://127.0.0.1:{free_port()}/0"
    client = Client(raise_request_exception=False)
    with override_settings(CACHES=cache_settings("core.cache.DegradingRedisCache", url)):
        degraded = client.get("/test-faults/cached/")
    with override_settings(
        CACHES=cache_settings("django.core.cache.backends.redis.RedisCache", url)
    ):
        plain = client.get("/test-faults/cached/")
    assert degraded.status_code == 200
    assert degraded.content == b"built from the database"
    assert plain.status_code == 500  # what Django's own RedisCache does: why the wrapper exists


@pytest.mark.django_db
def test_rate_limits_fall_back_to_the_database_while_redis_is_down():
    url = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        CACHES=cache_settings("core.cache.DegradingRedisCache", url),
        RATE_LIMITS={"vote": Rate(1, 60)},
        RATE_LIMIT_STORE="cache",
    ):
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
        allowed = [check_rate(request, "vote").allowed for _ in range(3)]
    assert allowed == [True, False, False]
    assert RateBucket.objects.get().hits == 3
