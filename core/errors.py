"""Error pages in the site's own design; they never show a traceback."""

from __future__ import annotations

import sys

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from core.faults import database_unavailable_response, is_database_outage


def bad_request(request, exception=None):
    # Rendered without the request: a 400 is often a bad Host header, which the request
    # would raise again if anything asked for it.
    return HttpResponseBadRequest(loader.get_template("400.html").render({}))


def permission_denied(request, exception=None):
    return render(request, "403.html", {"csrf_failed": False}, status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was stale or its cookie missing; say how to recover.

    `reason` is Django's technical explanation; it goes to no reader.
    """
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def not_found(request, exception=None):
    message = ""
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    # handler500 runs while the exception is being handled: a database outage raised
    # outside a view (a session read in middleware, say) still gets the 503 page.
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable_response(request)
    # A minimal context: whatever failed (often the database) must not be touched again here.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
