from __future__ import annotations

from django.urls import path

from desk import views
from desk.desk_page import desk

urlpatterns = [
    path("", desk, name="desk"),
    path("markdown-preview/", views.markdown_preview, name="markdown_preview"),
    path("mail/", views.sent_mail, name="sent_mail"),
]
