"""send_digest over a real SMTP server: who gets what, and never twice."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.publishing import PublishStatus
from newsletter.models import Delivery, DeliveryStatus, Issue, Subscriber, SubscriberStatus
from tests.comparisons.factories import ComparisonFactory
from tests.newsletter.factories import ConfirmedSubscriberFactory, SubscriberFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory

pytestmark = pytest.mark.django_db

DEMO_TITLE = "Code Llama 4 (70B & 400B) vs Mistral 8B Instruct v3"
UNSUBSCRIBE_HEADER = re.compile(r"^<(https://shipboard\.example/newsletter/unsubscribe/[\w:-]+/)>$")


def send_digest(*args) -> str:
    out = StringIO()
    call_command("send_digest", *args, stdout=out)
    return out.getvalue()


def received_per_address(smtp_server) -> Counter:
    return Counter(address for item in smtp_server.received for address in item.recipients)


def test_first_issue_covers_everything_published_and_reaches_only_confirmed_readers(
    demo_data, smtp_server
):
    confirmed = ConfirmedSubscriberFactory.create_batch(2)
    SubscriberFactory(email="pending@example.com")
    output = send_digest()
    assert received_per_address(smtp_server) == {s.email: 1 for s in confirmed}
    mail = smtp_server.to(confirmed[0].email)[0]
    assert mail.message["Subject"] == f"Weekly AI Tool Verdicts #1: {DEMO_TITLE}, plus 8 more"
    for part in (mail.text, mail.html):
        assert "https://shipboard.example/compare/code-llama-4-vs-mistral-8b-instruct-v3/" in part
        for reviewer in ("Maya Chen", "Victor Hale", "Nova Okafor", "Ruth Banerjee"):
            assert f"{reviewer} on Mistral 8B Instruct v3" in part
    assert "VERDICT CHANGES" in mail.text and "SHIP" in mail.text
    assert "<h2" in mail.html and "Verdict changes" in mail.html
    assert "Issue #1: 2 sent." in output


def test_every_issue_carries_one_click_unsubscribe_headers_that_work(demo_data, smtp_server):
    subscriber = ConfirmedSubscriberFactory()
    send_digest()
    [mail] = smtp_server.received
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = UNSUBSCRIBE_HEADER.match(mail.message["List-Unsubscribe"]).group(1)
    assert f'href="{url}"' in mail.html and url in mail.text
    assert mail.message["List-Id"] == "Weekly AI Tool Verdicts <weekly-verdicts.shipboard.example>"
    path = url.removeprefix("https://shipboard.example")
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_rerun_with_nothing_new_sends_nothing(demo_data, smtp_server):
    ConfirmedSubscriberFactory.create_batch(2)
    send_digest()
    output = send_digest()
    assert len(smtp_server.received) == 2
    assert Issue.objects.count() == 1
    assert "Nothing new published since issue #1" in output


def test_next_issue_brings_only_what_was_published_since_the_last(demo_data, smtp_server):
    subscriber = ConfirmedSubscriberFactory()
    send_digest()
    tool = ToolFactory(name="Qwen Coder")
    VerdictFactory(tool=tool, body="Small, fast and **cheap**.")
    ComparisonFactory(tools=[tool, ToolFactory()], summary="Pick Qwen for *speed*.")
    send_digest()
    second = smtp_server.to(subscriber.email)[1]
    assert second.message["Subject"].startswith("Weekly AI Tool Verdicts #2: Qwen Coder vs ")
    assert "Pick Qwen for speed." in second.text and "<em>speed</em>" in second.html
    assert "Small, fast and cheap." in second.text
    assert DEMO_TITLE not in second.text and "Maya Chen" not in second.text


def test_drafts_and_scheduled_items_wait_until_they_are_public(smtp_server):
    subscriber = ConfirmedSubscriberFactory()
    draft = ComparisonFactory(status=PublishStatus.DRAFT)
    scheduled = ComparisonFactory(published_at=timezone.now() + timedelta(days=2))
    assert "Nothing new published yet" in send_digest()
    assert smtp_server.received == []
    # Published later, with a publish time before any issue: still reaches the next issue.
    draft.status = PublishStatus.PUBLISHED
    draft.save()
    send_digest()
    [mail] = smtp_server.to(subscriber.email)
    assert (
        draft.lineup_tools[0].name in mail.text and scheduled.lineup_tools[0].name not in mail.text
    )


def test_no_confirmed_subscriber_means_no_issue_and_the_news_waits(demo_data, smtp_server):
    SubscriberFactory()
    output = send_digest()
    assert "nobody has confirmed a subscription yet" in output
    assert not Issue.objects.exists() and smtp_server.received == []
    ConfirmedSubscriberFactory()
    send_digest()
    assert DEMO_TITLE in smtp_server.received[0].text


def test_server_refusing_midway_then_a_rerun_gives_everyone_the_issue_exactly_once(
    demo_data, smtp_server
):
    subscribers = ConfirmedSubscriberFactory.create_batch(5)
    smtp_server.accept_limit = 2
    output = send_digest()
    assert len(smtp_server.received) == 2
    assert "2 queued" not in output and "3 queued" in output
    refused = Delivery.objects.filter(status=DeliveryStatus.QUEUED)
    assert refused.count() == 3 and all("554" in d.last_error for d in refused)

    smtp_server.accept_limit = None
    output = send_digest()
    assert "Finishing earlier issues: deliveries waiting: 3." in output
    assert received_per_address(smtp_server) == {s.email: 1 for s in subscribers}
    assert Issue.objects.count() == 1
    send_digest()
    assert len(smtp_server.received) == 5


def test_crash_midway_then_a_rerun_gives_everyone_the_issue_exactly_once(
    demo_data, smtp_server, monkeypatch
):
    """A killed process (KeyboardInterrupt passes through the task runner) after 3 messages."""
    from newsletter import delivery
    from newsletter.management.commands import send_digest as command

    monkeypatch.setattr(command, "BATCH_SIZE", 2)
    subscribers = ConfirmedSubscriberFactory.create_batch(7)
    real_send_one = delivery._send_one
    calls = Counter()

    def dies_on_the_fourth(delivery_id, connection):
        calls["sends"] += 1
        if calls["sends"] == 4:
            raise KeyboardInterrupt
        return real_send_one(delivery_id, connection)

    monkeypatch.setattr(delivery, "_send_one", dies_on_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        send_digest()
    assert len(smtp_server.received) == 3

    monkeypatch.setattr(delivery, "_send_one", real_send_one)
    send_digest()
    assert received_per_address(smtp_server) == {s.email: 1 for s in subscribers}
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_delivery_cut_off_after_the_server_took_it_is_never_sent_again(
    demo_data, smtp_server, monkeypatch
):
    """Killed between the server's 250 and our "sent": at most once wins over at least once."""
    from newsletter import delivery

    subscribers = ConfirmedSubscriberFactory.create_batch(3)
    real_mailers = delivery.mailers

    class DiesAfterSecondMessage:
        @property
        def default(self):
            connection = real_mailers.default
            real_send = connection.send_messages
            count = Counter()

            def send_messages(messages):
                sent = real_send(messages)
                count["sent"] += 1
                if count["sent"] == 2:
                    raise KeyboardInterrupt
                return sent

            connection.send_messages = send_messages
            return connection

    monkeypatch.setattr(delivery, "mailers", DiesAfterSecondMessage())
    with pytest.raises(KeyboardInterrupt):
        send_digest()
    monkeypatch.setattr(delivery, "mailers", real_mailers)
    assert len(smtp_server.received) == 2

    output = send_digest()
    assert received_per_address(smtp_server) == {s.email: 1 for s in subscribers}
    assert "Issue #1: 1 sending, 2 sent." in output
    assert "they are not retried" in output
    ComparisonFactory()
    output = send_digest()  # the next issue goes out; the stuck one is still reported
    assert "Issue #1: 1 sending, 2 sent." in output and "Issue #2: 3 sent." in output
    assert received_per_address(smtp_server) == {s.email: 2 for s in subscribers}


def test_operator_can_requeue_a_stuck_delivery_once_it_is_known_lost(demo_data, smtp_server):
    subscriber = ConfirmedSubscriberFactory()
    send_digest()
    Delivery.objects.update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now() - timedelta(hours=2)
    )
    output = send_digest("--requeue-stuck")
    assert "Stuck deliveries queued again: 1." in output
    assert received_per_address(smtp_server) == {subscriber.email: 2}


def test_reader_who_leaves_before_delivery_is_skipped(demo_data, smtp_server, settings):
    from newsletter import services

    staying, leaving = ConfirmedSubscriberFactory.create_batch(2)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    send_digest()  # issue and deliveries made; no worker has run the tasks yet
    services.unsubscribe(hashed_address=leaving.address_hash)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    send_digest()
    assert received_per_address(smtp_server) == {staying.email: 1}
    assert Delivery.objects.get(subscriber=leaving).status == DeliveryStatus.SKIPPED


def test_deliveries_go_to_the_task_backend_in_batches_and_duplicates_are_harmless(
    demo_data, smtp_server, settings
):
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    subscribers = ConfirmedSubscriberFactory.create_batch(60)
    send_digest()
    send_digest()  # a rerun before any worker ran: the same deliveries are enqueued again
    results = default_task_backend.results
    assert [len(result.args[0]) for result in results] == [50, 10, 50, 10]
    assert {result.task.name for result in results} == {"send_deliveries"}
    assert smtp_server.received == []
    for result in results:  # a worker runs every task, duplicates included
        result.task.call(*result.args)
    assert received_per_address(smtp_server) == {s.email: 1 for s in subscribers}


def test_address_refused_five_times_is_given_up(demo_data, smtp_server):
    ConfirmedSubscriberFactory()
    smtp_server.accept_limit = 0
    for _ in range(6):
        send_digest()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 5


def test_dry_run_prints_the_issue_and_records_and_sends_nothing(demo_data, smtp_server):
    ConfirmedSubscriberFactory.create_batch(3)
    output = send_digest("--dry-run")
    assert "# Dry run: issue #1 would go to 3 confirmed." in output
    assert f"Subject: Weekly AI Tool Verdicts #1: {DEMO_TITLE}, plus 8 more" in output
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in output
    assert "NEW COMPARISONS" in output and "Ruth Banerjee on Code Llama 4" in output
    html = send_digest("--dry-run", "--html")
    assert html.startswith("<!doctype html>") and "Verdict changes" in html
    assert not Issue.objects.exists() and smtp_server.received == []
    assert Subscriber.objects.confirmed().count() == 3
