"""Root URLs: each app's URLs, in the order they must be tried, and the site's error pages."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # Uploads and the health check first: the catch-alls below must not answer for them.
    path("", include("core.urls")),
    # --- Editors' desk: before admin/, whose catch-all would answer first ---
    path("admin/desk/", include("desk.urls")),
    path("admin/", admin.site.urls),
    path("", include("votes.urls")),  # before comparisons: /tools/<slug>/vote/
    path("", include("picks.urls")),  # /picks/<first>/<second>/
    path("newsletter/", include("newsletter.urls")),
    path("", include("comparisons.urls")),
    path("", include("verdicts.urls")),  # reviewers and the tool badge
    path("", include("trust.urls")),  # methodology, about, corrections, privacy
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
