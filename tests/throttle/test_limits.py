from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.test import RequestFactory, override_settings

from throttle.identity import hashed_client_ip
from throttle.limits import check_rate
from throttle.models import RateBucket
from throttle.rates import Rate, parse_rate


def request_from(ip: str, forwarded: str = ""):
    extra = {"REMOTE_ADDR": ip}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("30/m", Rate(30, 60)),
        ("5/s", Rate(5, 1)),
        ("100/5m", Rate(100, 300)),
        ("2/d", Rate(2, 86400)),
    ],
)
def test_parse_rate_reads_count_and_period(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["0", "", "off", "0/m"])
def test_zero_turns_the_limit_off(text):
    assert parse_rate(text) is None


@pytest.mark.parametrize("text", ["30", "thirty/m", "30/week", "-1/m"])
def test_unreadable_rate_is_a_clear_error(text):
    with pytest.raises(ValueError, match="looks like '30/m'"):
        parse_rate(text)


def test_hashed_ip_never_contains_the_ip_and_changes_daily():
    request = request_from("203.0.113.7")
    day_one = datetime(2026, 11, 27, 12, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=day_one):
        first = hashed_client_ip(request)
        again = hashed_client_ip(request)
    with mock.patch("django.utils.timezone.now", return_value=day_one.replace(day=28)):
        next_day = hashed_client_ip(request)
    assert first == again
    assert first != next_day
    assert "203.0.113.7" not in first and len(first) == 64


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_forwarded_address_is_believed_only_as_far_as_trusted_proxies():
    behind_proxy = request_from("10.0.0.1", forwarded="198.51.100.1, 203.0.113.9")
    direct = request_from("203.0.113.9")
    assert hashed_client_ip(behind_proxy) == hashed_client_ip(direct)


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"vote": Rate(3, 60)}, RATE_LIMIT_STORE="database")
def test_database_store_allows_the_limit_then_refuses_with_retry_after():
    request = request_from("203.0.113.7")
    decisions = [check_rate(request, "vote") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert 1 <= decisions[-1].retry_after <= 60
    assert check_rate(request_from("203.0.113.8"), "vote").allowed
    assert not RateBucket.objects.filter(client__contains="203.0.113").exists()


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"vote": None})
def test_scope_without_a_limit_writes_nothing():
    assert all(check_rate(request_from("203.0.113.7"), "vote").allowed for _ in range(50))
    assert RateBucket.objects.count() == 0


def redis_cache_settings(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "shipboard-tests",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.mark.django_db
def test_redis_store_counts_across_workers_without_touching_the_database(redis_url):
    with override_settings(
        CACHES=redis_cache_settings(redis_url),
        RATE_LIMITS={"vote": Rate(2, 60)},
        RATE_LIMIT_STORE="cache",
    ):
        request = request_from("203.0.113.7")
        allowed = [check_rate(request, "vote").allowed for _ in range(3)]
    assert allowed == [True, True, False]
    assert RateBucket.objects.count() == 0


@pytest.mark.django_db
def test_unreachable_redis_falls_back_to_the_database():
    with override_settings(
        CACHES=redis_cache_settings("redis://127.0.0.1:1/0"),
        RATE_LIMITS={"vote": Rate(1, 60)},
        RATE_LIMIT_STORE="cache",
    ):
        request = request_from("203.0.113.7")
        allowed = [check_rate(request, "vote").allowed for _ in range(2)]
    assert allowed == [True, False]
    assert RateBucket.objects.get().hits == 2
