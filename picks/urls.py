from __future__ import annotations

from django.urls import path

from picks import views

urlpatterns = [
    path("picks/<checked_slug:first>/<checked_slug:second>/", views.pick, name="pick"),
]
