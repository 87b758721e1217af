from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("comparisons.urls")),
    path("", include("verdicts.urls")),  # reviewers and the tool badge
]

handler404 = "comparisons.errors.not_found"
handler500 = "comparisons.errors.server_error"
