from __future__ import annotations

from django.urls import path

from votes import verify_views, views

urlpatterns = [
    path("tools/<checked_slug:slug>/vote/", views.vote, name="vote"),
    path(
        "tools/<checked_slug:slug>/verify/", verify_views.request_link, name="verify-vote-request"
    ),
    path("tools/<checked_slug:slug>/verify/sent/", verify_views.link_sent, name="verify-vote-sent"),
    path("votes/verify/<str:token>/", verify_views.open_link, name="verify-vote"),
    path("moderation/", views.moderation_log, name="moderation-log"),
]
