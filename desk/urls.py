from __future__ import annotations

from django.urls import path

from desk import views

urlpatterns = [
    path("markdown-preview/", views.markdown_preview, name="markdown_preview"),
    path("mail/", views.sent_mail, name="sent_mail"),
]
