"""Site-wide URLs that belong to no feature: the health check and, locally, uploaded files."""

from __future__ import annotations

from django.conf import settings
from django.urls import path

from core.health import healthz
from core.media import serve_media

urlpatterns = [path("healthz", healthz, name="healthz")]

# Uploaded logos and avatars, when Django serves them itself (see core/media.py).
if settings.SERVE_MEDIA:
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))
