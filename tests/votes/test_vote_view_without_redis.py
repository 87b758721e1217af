"""POST /tools/<slug>/vote/ while Redis is unreachable: votes still count, limits still hold.

Settings as in production with REDIS_URL set (the degrading Redis cache, rate limits counted
in the cache), but Redis's address is a port nothing listens on. The end-to-end version, with
a real Redis stopped and killed under gunicorn, is tests/compare_site/test_redis_outage_live.py.
"""

from __future__ import annotations

import pytest
from django.test import override_settings

from core import cache as degrading
from tests.compare_site.production import free_port
from tests.votes.conftest import snapshot
from throttle.models import RateBucket
from throttle.rates import Rate
from votes.models import Vote, VoteTally

pytestmark = pytest.mark.django_db

# A day-long window: the test cannot straddle two windows (a minute's could, now and then).
VOTE_LIMIT = Rate(2, 86_400)


@pytest.fixture(autouse=True)
def redis_down():
    """REDIS_URL points at a port nothing listens on; the circuit starts closed."""
    degrading._unavailable_until.clear()
    caches = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/9",
            "KEY_PREFIX": "wt-faults-tests",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(
        CACHES=caches, RATE_LIMIT_STORE="cache", RATE_LIMITS={"vote": VOTE_LIMIT}
    ):
        yield
    degrading._unavailable_until.clear()


def test_vote_without_js_counts_while_redis_is_down(visitor):
    response = visitor.vote("alpha", choice="ship")
    assert response.status_code == 303
    assert Vote.objects.get().choice == "ship"
    assert VoteTally.objects.values_list("ship_count", "skip_count").get() == (1, 0)
    # The limiter could not count in Redis, so it counted in the database instead.
    assert RateBucket.objects.get(scope="vote").hits == 1


def test_htmx_vote_counts_and_shows_the_new_figure_while_redis_is_down(visitor):
    response = visitor.vote("alpha", choice="ship", htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Counted: you voted “ship”." in html
    assert 'figure__value--words">1 vote — too few to call</span>' in html
    assert VoteTally.objects.values_list("ship_count", "skip_count").get() == (1, 0)


def test_page_after_the_vote_shows_it_while_redis_is_down(visitor):
    visitor.vote("alpha", choice="ship")
    html = visitor.open("/tools/alpha/").content.decode()
    assert 'value="ship" aria-pressed="true"' in html
    assert 'figure__value--words">1 vote — too few to call</span>' in html


def test_rate_limit_is_enforced_from_the_database_while_redis_is_down(visitor):
    assert visitor.vote("alpha", choice="ship").status_code == 303
    assert visitor.vote("alpha", choice="skip").status_code == 303
    before = snapshot()
    response = visitor.vote("alpha", choice="ship")
    assert response.status_code == 429
    assert "Try again in " in response.content.decode()
    assert snapshot() == before  # the refused vote wrote nothing
    assert RateBucket.objects.get(scope="vote").hits == 3
