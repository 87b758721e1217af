"""Work done off the request through django.tasks (settings.TASKS picks the backend)."""

from __future__ import annotations

from django.tasks import task

from newsletter import delivery


@task
def send_confirmation(subscriber_id: int, site_url: str | None = None) -> bool:
    return delivery.send_confirmation(subscriber_id=subscriber_id, site_url=site_url)


@task
def send_deliveries(delivery_ids: list[int]) -> dict[str, int]:
    return delivery.send_deliveries(delivery_ids=delivery_ids)
