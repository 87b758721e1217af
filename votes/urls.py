from __future__ import annotations

from django.urls import path

from votes import views

urlpatterns = [
    path("tools/<checked_slug:slug>/vote/", views.vote, name="vote"),
]
