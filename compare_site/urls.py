from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from compare_site.health import healthz
from compare_site.media import serve_media

urlpatterns = [
    # --- Editors' desk: before admin/, whose catch-all would answer first ---
    path("admin/desk/", include("desk.urls")),
    path("admin/", admin.site.urls),
    path("", include("votes.urls")),  # --- Votes --- (before comparisons: /tools/<slug>/vote/)
    path("newsletter/", include("newsletter.urls")),
    path("", include("comparisons.urls")),
    path("", include("verdicts.urls")),  # reviewers and the tool badge
]

# --- Editors' desk: uploaded logos and avatars (see compare_site/media.py) ---
if settings.SERVE_MEDIA:
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))

handler404 = "comparisons.errors.not_found"
handler500 = "comparisons.errors.server_error"

# --- Production: health check, error pages ---
urlpatterns += [path("healthz", healthz, name="healthz")]

handler400 = "comparisons.errors.bad_request"
handler403 = "comparisons.errors.permission_denied"
# --- end Production ---
