"""Draft/published state shared by everything editors publish."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PublishStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Public rows: status Published and a publish time that has come."""
        return self.filter(status=PublishStatus.PUBLISHED, published_at__lte=timezone.now())


class Publishable(models.Model):
    status = models.CharField(
        max_length=10, choices=PublishStatus.choices, default=PublishStatus.PUBLISHED
    )
    published_at = models.DateTimeField(
        default=timezone.now, help_text="A time in the future schedules publication."
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == PublishStatus.PUBLISHED and self.published_at <= timezone.now()
