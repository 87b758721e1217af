"""When the database cannot be reached, answer the site's 503 page instead of a 500.

The 503 page is rendered without the request (no context processors, no session, no user),
so building it never touches the database that just failed.

A database that stops answering altogether (a frozen network path, a hung host) never sends
the error: PostgreSQL's statement_timeout runs on the server, and the client would wait on its
socket until gunicorn kills the worker. DatabaseDeadlineMiddleware bounds that wait.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# OperationalError: cannot connect, connection lost, server shutting down, lock timeouts.
# InterfaceError: the connection object itself is closed or broken.
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_outage(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_OUTAGE_ERRORS)


def database_unavailable_response(request=None) -> HttpResponse:
    """The 503 page. After a POST it cannot know whether what was sent committed before the
    database went away (the connection may have dropped at COMMIT), so it says exactly that."""
    sent_something = request is not None and request.method not in ("GET", "HEAD", "OPTIONS")
    context = {"sent_something": sent_something}
    response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # a page cache must never keep the outage page
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database outage raised by a view into the 503 page.

    Outages raised by other middleware (a session read, say) reach handler500 instead,
    which makes the same response (core.errors.server_error).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error(
            "Database unavailable while serving %s %s: %s", request.method, request.path, exception
        )
        return database_unavailable_response(request)


# The deadline comes this long after DATABASE_TIMEOUT, so the server's own statement_timeout
# (a clean error) fires first whenever the server can still answer.
DEADLINE_GRACE_SECONDS = 1.0


class DatabaseDeadlineMiddleware:
    """Give every request's PostgreSQL waits a deadline: DATABASE_TIMEOUT plus a grace.

    When the deadline passes while a PostgreSQL connection still has a command in flight, its
    socket is shut down: psycopg raises OperationalError at once, and the request gets the 503
    page (a new connection is then bounded by connect_timeout). A SIGALRM timer does it, so it
    works only in a process's main thread, as in gunicorn's sync workers; elsewhere (the
    development server's threads) requests go without. SQLite needs none: its busy timeout
    is DATABASE_TIMEOUT, and a local file cannot stop answering the way a network can.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.deadline = settings.DATABASE_TIMEOUT + DEADLINE_GRACE_SECONDS
        self.enabled = settings.DATABASE_TIMEOUT > 0 and any(
            connections.settings[alias]["ENGINE"].endswith("postgresql") for alias in connections
        )

    def __call__(self, request):
        if not self.enabled or threading.current_thread() is not threading.main_thread():
            return self.get_response(request)
        previous = signal.signal(signal.SIGALRM, _cut_waiting_connections)
        signal.setitimer(signal.ITIMER_REAL, self.deadline)
        try:
            return self.get_response(request)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _cut_waiting_connections(signum, frame) -> None:
    from psycopg import pq

    for connection in connections.all(initialized_only=True):
        raw = connection.connection
        if connection.vendor != "postgresql" or raw is None or raw.closed:
            continue
        if raw.pgconn.transaction_status != pq.TransactionStatus.ACTIVE:
            continue  # nothing in flight: a slow view, not a stuck database
        logger.error(
            "Database %r did not answer within %.0f s; dropping the connection.",
            connection.alias,
            settings.DATABASE_TIMEOUT + DEADLINE_GRACE_SECONDS,
        )
        # A duplicate of the socket, shut down both ways: the wait in progress ends at once.
        with socket.socket(fileno=os.dup(raw.pgconn.socket)) as stuck:
            stuck.shutdown(socket.SHUT_RDWR)
