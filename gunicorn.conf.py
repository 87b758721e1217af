"""gunicorn settings for Shipboard, read from the environment.

Started as `gunicorn --config gunicorn.conf.py` (the container's entry point). Every value
below can be changed without rebuilding the image; docs/settings.md lists them.
"""

from __future__ import annotations

import gc
import logging
import os
import re

from gunicorn.glogging import Logger

MAX_DEFAULT_WORKERS = 8  # each sync worker holds a whole Django process (~60-80 MB)


def _int_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from None


def _usable_cores() -> int:
    """Cores this process may run on (a CPU-pinned container sees fewer than the host has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def default_workers() -> int:
    """gunicorn's rule of thumb, 2 x cores + 1, capped so a big host does not run out of RAM."""
    return min(2 * _usable_cores() + 1, MAX_DEFAULT_WORKERS)


def default_bind() -> str:
    return f"0.0.0.0:{_int_from_env('PORT', 8000)}"


wsgi_app = "compare_site.wsgi:application"

bind = [os.environ.get("GUNICORN_BIND") or default_bind()]
workers = _int_from_env("WEB_CONCURRENCY", default_workers())
# Sync workers: one request per process. Views are short database reads; slow clients are
# the proxy's job (it buffers), so threads or async workers would buy nothing here.
worker_class = "sync"
timeout = _int_from_env("GUNICORN_TIMEOUT", 30)
# A database that stops answering must give the 503 page (settings DATABASE_TIMEOUT, plus the
# deadline's second of grace in core/faults.py) well before this timeout kills the worker.
_database_timeout = os.environ.get("DATABASE_TIMEOUT", "").strip() or "5"
try:
    database_timeout = float(_database_timeout)
except ValueError:
    raise SystemExit(f"DATABASE_TIMEOUT must be a number, not {_database_timeout!r}.") from None
if not 0 < database_timeout < timeout - 2:
    raise SystemExit(
        f"DATABASE_TIMEOUT ({database_timeout:g} s) must be above 0 and at least 2 s below "
        f"GUNICORN_TIMEOUT ({timeout} s): a stuck database should answer with the 503 page, "
        "not hang the worker until gunicorn kills it."
    )
graceful_timeout = _int_from_env("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Recycle workers now and then so a slow leak can never take the container down; rarely,
# because each replacement is a cold worker and a queue behind it (bench/pages.py).
max_requests = _int_from_env("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = max(max_requests // 10, 0)
# Load Django once in the master: workers fork ready (less memory, faster restarts), and a
# configuration error (say, no SECRET_KEY) stops the whole server at once with its message.
preload_app = True


def pre_fork(server, worker):
    """Move everything the preloaded app created into the collector's permanent generation:
    workers never rescan those ~90,000 long-lived objects in a full collection (nor write to
    their collector headers, which would copy those pages away from the master's)."""
    gc.freeze()


def post_fork(server, worker):
    """Each worker opens its own database connections: one inherited from the master (if
    anything queried while the app loaded) must never be shared between processes."""
    from django.db import connections

    connections.close_all()


# Heartbeat files on tmpfs: a container's overlay filesystem can stall them.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# Nothing here uses gunicornc; without this each server opens ~/.gunicorn/gunicorn.ctl.
control_socket_disable = True

# --- Logs: to stdout/stderr for the container runtime, and no client address anywhere ---
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's default starts with %(h)s, the client IP. We store no raw IP, logs included:
# time, request line, status, bytes, duration in ms, user agent.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

IP_IN_MESSAGE = re.compile(r"\bip=\S*?(?=:\s|$)")


class RedactClientAddress(logging.Filter):
    """gunicorn logs "Invalid request from ip=203.0.113.7: ..." for malformed requests."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "ip=" in message:
            record.msg = IP_IN_MESSAGE.sub("ip=[redacted]", message)
            record.args = ()
        return True


class NoClientAddressLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(RedactClientAddress())


logger_class = NoClientAddressLogger
