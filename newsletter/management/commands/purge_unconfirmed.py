"""Forget sign-ups that were never confirmed."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscriber


class Command(BaseCommand):
    help = (
        "Delete newsletter sign-ups nobody confirmed within N days (default 7), and the task "
        "rows of sign-ups the worker finished over a day ago (they hold the address)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=services.UNCONFIRMED_KEPT_FOR.days)
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; change nothing."
        )

    def handle(self, *args, days: int, dry_run: bool = False, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more: a confirmation link lasts 3 days.")
        older_than = timedelta(days=days)
        if dry_run:
            stale = Subscriber.objects.unconfirmed_since_before(timezone.now() - older_than)
            self.stdout.write(f"{stale.count()} unconfirmed sign-ups older than {days} days.")
            return
        result = services.purge_unconfirmed(older_than=older_than)
        self.stdout.write(
            f"Deleted {result.deleted} unconfirmed sign-ups older than {days} days; "
            f"{result.returned_to_unsubscribed} returning addresses went back to unsubscribed."
        )
        tasks = services.forget_finished_sign_ups()
        self.stdout.write(f"Deleted {tasks} finished sign-up tasks.")
