"""A URLconf for fault tests: the site's own URLs and handlers plus views that fail on purpose."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_page

from compare_site.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def raises_value_error(request):
    raise ValueError("a bug")


def raises_permission_denied(request):
    raise PermissionDenied


def raises_operational_error(request):
    raise OperationalError("server closed the connection unexpectedly")


@cache_page(60)
def cached_page(request):
    return HttpResponse("built from the database")


urlpatterns = [
    *urlpatterns,
    path("test-faults/bug/", raises_value_error),
    path("test-faults/forbidden/", raises_permission_denied),
    path("test-faults/database/", raises_operational_error),
    path("test-faults/cached/", cached_page),
]
