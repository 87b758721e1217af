"""Work done off the request through django.tasks (settings.TASKS picks the backend)."""

from __future__ import annotations

from datetime import datetime

from django.tasks import task

from newsletter import delivery, services


@task
def sign_up(
    email: str,
    consent_wording: str,
    ip_hash: str,
    requested_at: str,
    site_url: str | None = None,
) -> str:
    """A sign-up as the request queued it: record it, then send what the address needs."""
    subscriber_id = services.record_sign_up(
        email=email,
        consent_wording=consent_wording,
        ip_hash=ip_hash,
        requested_at=datetime.fromisoformat(requested_at),
    )
    return delivery.send_sign_up_mail(subscriber_id=subscriber_id, site_url=site_url)


@task
def send_confirmation(subscriber_id: int, site_url: str | None = None) -> bool:
    """Kept for confirmations queued before `sign_up` existed, so a worker can still run them."""
    return delivery.send_confirmation(subscriber_id=subscriber_id, site_url=site_url)


@task
def send_deliveries(delivery_ids: list[int]) -> dict[str, int]:
    return delivery.send_deliveries(delivery_ids=delivery_ids)
