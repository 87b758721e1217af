"""Tasks of the site's own plumbing."""

from __future__ import annotations

from django.tasks import task


@task
def ping() -> str:
    """Does nothing: `manage.py doctor` queues it to see whether a worker takes tasks."""
    return "pong"
