from __future__ import annotations

from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("thanks/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirmed/", views.confirmed, name="confirmed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribed/", views.unsubscribed, name="unsubscribed"),
]
