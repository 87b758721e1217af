"""Work done off the request through django.tasks (settings.TASKS picks the backend)."""

from __future__ import annotations

from django.tasks import task

from votes import verification


@task
def send_verification(request_id: int) -> bool:
    return verification.send_verification_mail(request_id=request_id)
