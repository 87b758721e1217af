from __future__ import annotations

from django.urls import path

from trust import views

urlpatterns = [
    path("methodology/", views.methodology, name="methodology"),
    path("about/", views.about, name="about"),
    path("corrections/", views.corrections, name="corrections"),
    path("privacy/", views.privacy, name="privacy"),
]
