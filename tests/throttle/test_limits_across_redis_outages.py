"""A rate limit keeps counting when Redis dies or comes back in the middle of a window.

Before, the count started again from zero in the database when Redis went away (50 votes
accepted in one 30/minute window), and again from zero in Redis when it came back.
"""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from tests.throttle.test_limits import redis_cache_settings
from throttle.limits import check_rate
from throttle.models import RateBucket
from throttle.rates import Rate

pytestmark = pytest.mark.django_db

LIMIT = Rate(30, 60)
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens there: every call fails at once


def requests_allowed(count: int, ip: str = "203.0.113.7") -> int:
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    return sum(check_rate(request, "vote").allowed for _ in range(count))


def counting_in(url: str):
    return override_settings(
        CACHES=redis_cache_settings(url), RATE_LIMITS={"vote": LIMIT}, RATE_LIMIT_STORE="cache"
    )


def test_redis_dying_mid_window_carries_the_count_on_in_the_database(redis_url):
    with counting_in(redis_url):
        assert requests_allowed(20) == 20
    with counting_in(DEAD_REDIS):  # Redis is gone: the database counts from where it was
        assert requests_allowed(20) == 10
    assert RateBucket.objects.get().hits == 40


def test_another_client_starts_from_nothing_after_redis_dies(redis_url):
    with counting_in(redis_url):
        requests_allowed(20)
    with counting_in(DEAD_REDIS):
        assert requests_allowed(30, ip="198.51.100.9") == 30


def test_redis_coming_back_mid_window_carries_the_database_count_on(redis_url):
    with counting_in(DEAD_REDIS):
        assert requests_allowed(12) == 12
    with counting_in(redis_url):  # back, and empty (restarted)
        assert requests_allowed(30) == 18


def test_several_deaths_in_one_window_never_allow_more_than_the_limit(redis_url):
    allowed = 0
    for url in (redis_url, DEAD_REDIS, redis_url, DEAD_REDIS):
        with counting_in(url):
            allowed += requests_allowed(10)
    assert allowed == 30
