"""Fixed-window rate limits per hashed client, shared across gunicorn workers.

The counter lives in the cache when it is shared (REDIS_URL set), otherwise in a database
table. If the shared cache is unreachable, the database takes over: a limit never fails open
silently and never takes the site down.

A count carries on across a Redis outage in the middle of a window. Each process remembers the
latest count Redis gave it for each client in the current window (INCR answers the count of
every worker); when Redis fails, the database bucket starts from the highest such count any
worker remembers. When Redis answers again within a window in which it failed, the count it
holds (maybe none, after a restart) is raised to the database's before it is trusted.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest

from throttle.identity import hashed_client_ip
from throttle.models import RateBucket
from throttle.rates import rate_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int = 0


ALLOWED = RateDecision(allowed=True)

# Per process: the latest count Redis answered for each (scope, client, window) of the current
# windows, and when Redis last failed. A gunicorn sync worker serves one request at a time.
REMEMBERED_COUNTS = 10_000
_cache_counts: dict[tuple[str, str, int], int] = {}
_reconciled: set[tuple[str, str, int]] = set()
_last_cache_failure = float("-inf")


def forget_counts() -> None:
    """Drop this process's memory of counts and failures (tests start each from nothing)."""
    global _last_cache_failure
    _cache_counts.clear()
    _reconciled.clear()
    _last_cache_failure = float("-inf")


def check_rate(request, scope: str) -> RateDecision:
    """Count this request against `scope`'s limit for its client and say whether it may go on."""
    rate = rate_for(scope)
    if rate is None:
        return ALLOWED
    client = hashed_client_ip(request)
    now = time.time()
    window = int(now // rate.period) * rate.period
    hits = None
    if settings.RATE_LIMIT_STORE == "cache":
        hits = _count_in_cache(scope, client, window, rate.period, now)
    if hits is None:
        counted_in_cache = _cache_counts.get((scope, client, window), 0)
        hits = _count_in_database(scope, client, window, at_least=counted_in_cache)
    if hits <= rate.limit:
        return ALLOWED
    return RateDecision(allowed=False, retry_after=max(1, math.ceil(window + rate.period - now)))


def _count_in_cache(scope: str, client: str, window: int, period: int, now: float) -> int | None:
    global _last_cache_failure
    cache = caches["default"]
    key = f"rate:{scope}:{client}:{window}"
    bucket = (scope, client, window)
    try:
        cache.add(key, 0, timeout=period + 5)
        hits = cache.incr(key)
        if _last_cache_failure >= window and bucket not in _reconciled:
            # Redis failed during this window: the database may have counted meanwhile.
            _reconciled.add(bucket)
            counted = _database_count(scope, client, window)
            if counted >= hits:
                hits = cache.incr(key, counted + 1 - hits)
    except Exception:  # noqa: BLE001 - any cache failure falls back to the database
        _last_cache_failure = now
        logger.warning("Rate-limit cache unavailable; counting in the database instead.")
        return None
    _remember(bucket, hits)
    return hits


def _remember(bucket: tuple[str, str, int], hits: int) -> None:
    if bucket not in _cache_counts and len(_cache_counts) >= REMEMBERED_COUNTS:
        window = bucket[2]
        for old in [known for known in _cache_counts if known[2] < window]:
            del _cache_counts[old]
        _reconciled.difference_update([known for known in _reconciled if known[2] < window])
        if len(_cache_counts) >= REMEMBERED_COUNTS:
            _cache_counts.clear()  # more clients in one window than remembered: start afresh
    _cache_counts[bucket] = hits


def _database_count(scope: str, client: str, window: int) -> int:
    bucket = RateBucket.objects.filter(scope=scope, client=client, window=window)
    return bucket.values_list("hits", flat=True).first() or 0


def _count_in_database(scope: str, client: str, window: int, *, at_least: int = 0) -> int:
    """Count one hit in the database; `at_least`: what Redis had counted before it failed."""
    bucket = RateBucket.objects.filter(scope=scope, client=client, window=window)
    counted = Greatest(F("hits"), at_least) + 1 if at_least else F("hits") + 1
    with transaction.atomic():
        if not bucket.update(hits=counted):
            try:
                with transaction.atomic():
                    RateBucket.objects.create(
                        scope=scope, client=client, window=window, hits=at_least + 1
                    )
            except IntegrityError:  # another worker created it first
                bucket.update(hits=counted)
            else:
                # A new window for this client: sweep buckets whose windows have passed.
                RateBucket.objects.filter(scope=scope, window__lt=window).delete()
        return bucket.values_list("hits", flat=True).get()
