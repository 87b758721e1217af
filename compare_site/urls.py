from __future__ import annotations

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from compare_site.health import healthz
from compare_site.media import serve_media

urlpatterns = [
    path("admin/", admin.site.urls),
    path("newsletter/", include("newsletter.urls")),
    path("", include("comparisons.urls")),
    path("", include("verdicts.urls")),  # reviewers and the tool badge
]

handler404 = "comparisons.errors.not_found"
handler500 = "comparisons.errors.server_error"

# --- Production: health check, error pages, uploaded files ---
urlpatterns += [path("healthz", healthz, name="healthz")]
if settings.SERVE_MEDIA:
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.+)$", serve_media, name="media")]

handler400 = "comparisons.errors.bad_request"
handler403 = "comparisons.errors.permission_denied"
# --- end Production ---
