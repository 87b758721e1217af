"""Send the next issue of Weekly AI Tool Verdicts; safe to rerun at any time."""

from __future__ import annotations

from datetime import timedelta
from itertools import batched

from django.core.management.base import BaseCommand
from django.db.models import Count, Max
from django.utils import timezone

from newsletter import services
from newsletter.mail import digest_message
from newsletter.models import Delivery, DeliveryStatus, Issue, Subscriber
from newsletter.tasks import send_deliveries

BATCH_SIZE = 50
EXAMPLE_ADDRESS = "subscriber@example.com"
SHOWN_HEADERS = ("Subject", "From", "To", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id")


class Command(BaseCommand):
    help = (
        "Send confirmed subscribers the comparisons and verdicts published since the last "
        "issue. Finishes any earlier issue first; a rerun never sends anyone an issue twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the next issue as a subscriber would get it; send and record nothing.",
        )
        parser.add_argument(
            "--html", action="store_true", help="With --dry-run, print the HTML part."
        )
        parser.add_argument(
            "--requeue-stuck",
            action="store_true",
            help=(
                "Queue again deliveries claimed over an hour ago but never marked sent. Only "
                "when the mail server's log shows they never arrived."
            ),
        )

    def handle(self, *args, dry_run=False, html=False, requeue_stuck=False, **options):
        if dry_run:
            self._print_next_issue(html=html)
            return
        if requeue_stuck:
            count = services.requeue_stuck(claimed_before=timezone.now() - timedelta(hours=1))
            self.stdout.write(f"Stuck deliveries queued again: {count}.")

        waiting = list(Delivery.objects.to_send().order_by("issue__number", "pk"))
        if waiting:
            self.stdout.write(f"Finishing earlier issues: deliveries waiting: {len(waiting)}.")
            self._enqueue([delivery.pk for delivery in waiting])

        digest = services.next_digest()
        if digest is None:
            last = Issue.objects.aggregate(last=Max("number"))["last"]
            since = f"since issue #{last}" if last else "yet"
            self.stdout.write(f"Nothing new published {since}: no new issue, nothing sent.")
        elif not Subscriber.objects.confirmed().exists():
            self.stdout.write(
                f"Issue #{digest.number} has news, but nobody has confirmed a subscription "
                "yet: no issue made; its news waits for the first subscriber."
            )
        else:
            issue = services.create_issue(digest=digest)
            if issue is None:
                self.stdout.write(f"Another run created issue #{digest.number} first.")
            else:
                ids = list(issue.deliveries.order_by("pk").values_list("pk", flat=True))
                self.stdout.write(f'Issue #{issue.number}: "{issue.subject}" for {len(ids)}.')
                self._enqueue(ids)
        self._report()

    def _enqueue(self, delivery_ids: list[int]) -> None:
        for batch in batched(delivery_ids, BATCH_SIZE):
            send_deliveries.enqueue(list(batch))

    def _report(self) -> None:
        unfinished = DeliveryStatus.QUEUED, DeliveryStatus.SENDING, DeliveryStatus.FAILED
        shown = set(Delivery.objects.filter(status__in=unfinished).values_list("issue", flat=True))
        latest = Issue.objects.order_by("-number").first()
        if latest:
            shown.add(latest.pk)
        for issue in Issue.objects.filter(pk__in=shown).order_by("number"):
            counts = dict(issue.deliveries.values_list("status").annotate(n=Count("pk")).order_by())
            parts = ", ".join(
                f"{counts[status]} {status}" for status in DeliveryStatus.values if status in counts
            )
            self.stdout.write(f"Issue #{issue.number}: {parts or 'no deliveries'}.")
            if counts.get(DeliveryStatus.QUEUED):
                self.stdout.write("  Queued deliveries go out on the next run (or worker).")
            if counts.get(DeliveryStatus.SENDING):
                self.stdout.write(
                    "  'sending' deliveries were handed to the mail server without a reply "
                    "we recorded; they are not retried, so nobody gets the issue twice. If the "
                    "server's log shows they never arrived, rerun with --requeue-stuck."
                )

    def _print_next_issue(self, *, html: bool) -> None:
        waiting = Delivery.objects.to_send().count()
        if waiting:
            self.stdout.write(f"# Deliveries of earlier issues waiting to be sent: {waiting}.")
        digest = services.next_digest()
        if digest is None:
            self.stdout.write("Nothing new published since the last issue: nothing to send.")
            return
        text, body_html = digest.render()
        issue = Issue(
            number=digest.number,
            subject=digest.subject,
            body_text=text,
            body_html=body_html,
            cut_off=digest.cut_off,
        )
        message = digest_message(issue, email=EXAMPLE_ADDRESS, hashed_address="example")
        if html:
            self.stdout.write(message.alternatives[0].content, ending="")
            return
        recipients = Subscriber.objects.confirmed().count()
        self.stdout.write(f"# Dry run: issue #{digest.number} would go to {recipients} confirmed.")
        for name in (
            "Subject",
            "From",
            "To",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "List-Id",
        ):
            value = message.message()[name]
            self.stdout.write(f"{name}: {value}")
        self.stdout.write("")
        self.stdout.write(message.body, ending="")
