from __future__ import annotations

from django.apps import AppConfig


class PicksConfig(AppConfig):
    name = "picks"
    verbose_name = "Head-to-head picks"
