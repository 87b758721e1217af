"""Error pages in the site's own design; they never show a traceback."""

from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request, exception=None):
    message = ""
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    # A minimal context: whatever failed (often the database) must not be touched again here.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
