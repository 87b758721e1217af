"""When the database cannot be reached, answer the site's 503 page instead of a 500.

The 503 page is rendered without the request (no context processors, no session, no user),
so building it never touches the database that just failed.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
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
