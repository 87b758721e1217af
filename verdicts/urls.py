from __future__ import annotations

from django.urls import path

from verdicts import badge, views

urlpatterns = [
    path("reviewers/", views.reviewer_list, name="reviewer_list"),
    path("reviewers/<checked_slug:slug>/", views.reviewer_detail, name="reviewer_detail"),
    path("tools/<checked_slug:slug>/badge.svg", badge.tool_badge, name="tool_badge"),
]
