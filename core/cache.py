"""A Redis cache that degrades instead of failing while Redis is unreachable.

Django's RedisCache raises on every connection error, so a Redis outage would turn every
cached page into a 500. This backend treats an unreachable Redis as an empty cache: reads
miss, writes are dropped, and the page is built from the database as if nothing were cached.

After one failure the process stops calling Redis for `retry_after` seconds (a circuit
breaker), so a Redis host that does not answer costs one socket timeout per few seconds,
not one per cache call.

Counters are the exception: `incr`/`decr` have no honest "miss", so they raise (at once while
the circuit is open). Callers that count (throttle/limits.py) catch that and count in the
database instead.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 5.0


def read_quietly(keys: list[str], what: str) -> dict:
    """`cache.get_many(keys)`, where a cache that fails (any backend, any error) is a miss,
    never an error page; `what` names the reader in the warning logged."""
    from django.core.cache import cache

    try:
        return cache.get_many(keys)
    except Exception:  # noqa: BLE001 - a miss: the caller builds it from the database
        logger.warning("Cache unavailable: %s from the database.", what)
        return {}


def write_quietly(values: dict, timeout: int, what: str) -> None:
    """`cache.set_many(values, timeout)`, nothing stored when it fails or timeout <= 0."""
    from django.core.cache import cache

    if timeout <= 0 or not values:
        return
    try:
        cache.set_many(values, timeout)
    except Exception:  # noqa: BLE001 - not kept: the next reader builds it again
        logger.warning("Cache unavailable: %s not stored.", what)


# Circuit state per Redis location, shared by the threads of one process (Django builds one
# cache object per thread).
_unavailable_until: dict[str, float] = {}
_state_lock = threading.Lock()


class RedisUnavailable(RedisConnectionError):
    """Raised by incr/decr while the circuit is open: Redis failed moments ago."""


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("retry_after", DEFAULT_RETRY_AFTER))
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ",".join(server)

    # -- circuit breaker ---------------------------------------------------------------------

    def _available(self) -> bool:
        return time.monotonic() >= _unavailable_until.get(self._location, 0.0)

    def _failed(self, operation: str, error: Exception) -> None:
        with _state_lock:
            was_available = self._available()
            _unavailable_until[self._location] = time.monotonic() + self.retry_after
        if was_available:
            # The error names the Redis host and port, never the password in REDIS_URL.
            logger.warning(
                "Redis unavailable during %s (%s: %s); serving without the cache for %.0f s.",
                operation,
                type(error).__name__,
                error,
                self.retry_after,
            )

    def _attempt(self, fallback, method, *args):
        """Call `method` (a RedisCache method) unless Redis failed moments ago; on failure
        open the circuit and return `fallback`."""
        if not self._available():
            return fallback
        try:
            return method(*args)
        except RedisError as error:
            self._failed(method.__name__, error)
            return fallback

    # -- reads miss, writes are dropped --------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._attempt(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().add, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._attempt(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._attempt(None, super().delete_many, keys, version)

    def clear(self):
        return self._attempt(False, super().clear)

    # -- counters raise, so their callers can count somewhere else -----------------------------

    def incr(self, key, delta=1, version=None):
        if not self._available():
            raise RedisUnavailable(f"Redis failed less than {self.retry_after:.0f} s ago.")
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._failed("incr", error)
            raise
