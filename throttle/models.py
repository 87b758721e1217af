from __future__ import annotations

from django.db import models


class RateBucket(models.Model):
    """Hits from one hashed client in one fixed window, shared by every worker via the database."""

    scope = models.CharField(max_length=40)
    client = models.CharField(max_length=64, help_text="HMAC of the client's IP, never the IP.")
    window = models.BigIntegerField(help_text="Window start, in seconds since the epoch.")
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "client", "window"], name="one_bucket_per_window"
            ),
        ]
        indexes = [models.Index(fields=["window"], name="rate_bucket_window")]

    def __str__(self) -> str:
        return f"{self.scope} {self.client[:8]}… {self.hits} hits"
