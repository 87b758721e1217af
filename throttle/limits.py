"""Fixed-window rate limits per hashed client, shared across gunicorn workers.

The counter lives in the cache when it is shared (REDIS_URL set), otherwise in a database
table. If the shared cache is unreachable, the database takes over: a limit never fails open
silently and never takes the site down.
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

from throttle.identity import hashed_client_ip
from throttle.models import RateBucket
from throttle.rates import rate_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int = 0


ALLOWED = RateDecision(allowed=True)


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
        hits = _count_in_cache(scope, client, window, rate.period)
    if hits is None:
        hits = _count_in_database(scope, client, window)
    if hits <= rate.limit:
        return ALLOWED
    return RateDecision(allowed=False, retry_after=max(1, math.ceil(window + rate.period - now)))


def _count_in_cache(scope: str, client: str, window: int, period: int) -> int | None:
    cache = caches["default"]
    key = f"rate:{scope}:{client}:{window}"
    try:
        cache.add(key, 0, timeout=period + 5)
        return cache.incr(key)
    except Exception:  # noqa: BLE001 - any cache failure falls back to the database
        logger.warning("Rate-limit cache unavailable; counting in the database instead.")
        return None


def _count_in_database(scope: str, client: str, window: int) -> int:
    bucket = RateBucket.objects.filter(scope=scope, client=client, window=window)
    with transaction.atomic():
        if not bucket.update(hits=F("hits") + 1):
            try:
                with transaction.atomic():
                    RateBucket.objects.create(scope=scope, client=client, window=window, hits=1)
            except IntegrityError:  # another worker created it first
                bucket.update(hits=F("hits") + 1)
            else:
                # A new window for this client: sweep buckets whose windows have passed.
                RateBucket.objects.filter(scope=scope, window__lt=window).delete()
        return bucket.values_list("hits", flat=True).get()
