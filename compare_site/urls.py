from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("votes.urls")),  # --- Votes --- (before comparisons: /tools/<slug>/vote/)
    path("", include("comparisons.urls")),
]

handler404 = "comparisons.errors.not_found"
handler500 = "comparisons.errors.server_error"
