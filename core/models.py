from __future__ import annotations

from django.db import models


class Stamp(models.Model):
    """A named version stamp for cached pages (core/stamps.py): a random token, replaced by
    every change it marks, never counted up (so a restored database never reuses one)."""

    name = models.CharField(max_length=40, primary_key=True)
    token = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.token}"
