from __future__ import annotations

from django.urls import path

from picks import views

urlpatterns = [
    path("picks/<slug:first>/<slug:second>/", views.pick, name="pick"),
]
