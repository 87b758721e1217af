from __future__ import annotations

from django.urls import path

from comparisons import views

urlpatterns = [
    path("", views.home, name="home"),
    path("compare/<str:slugs>/", views.compare, name="compare"),
    path("tools/<slug:slug>/", views.tool_detail, name="tool_detail"),
]
