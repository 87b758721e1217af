"""GET /healthz: can this container serve? It checks the database and the cache.

For load balancers and the container's HEALTHCHECK. It reads no session and sets no cookie,
is never cached, and names which dependency failed without exposing the error (the error
goes to the log). Signed-in staff may ask for `?verbose`: every check `manage.py doctor`
makes (core/doctor.py), each with what to fix.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CACHE_PROBE_SECONDS = 10


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        return False


def cache_answers() -> bool:
    """Write a unique value and read it back: a cache that drops writes fails too."""
    key = f"healthz:{uuid.uuid4().hex}"
    token = uuid.uuid4().hex
    try:
        cache.set(key, token, CACHE_PROBE_SECONDS)
        answered = cache.get(key) == token
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - any backend failure means "unavailable"
        logger.error("Health check: cache unavailable: %s", error)
        return False
    if not answered:
        logger.error("Health check: cache did not return what was just written.")
    return answered


@csrf_exempt  # a probe never POSTs; a POST gets a plain 405, not a CSRF page
@require_safe
@never_cache
def healthz(request):
    if "verbose" in request.GET and _is_staff(request):
        return verbose_report()
    checks = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


def _is_staff(request) -> bool:
    """Only a ?verbose request reads the session: plain probes never touch it."""
    user = getattr(request, "user", None)
    return bool(user and user.is_active and user.is_staff)


def verbose_report() -> JsonResponse:
    from core.doctor import ERROR, diagnose

    findings = diagnose()
    healthy = all(finding.status != ERROR for finding in findings)
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": [finding.as_dict() for finding in findings],
    }
    return JsonResponse(body, status=200 if healthy else 503)
