"""Verified voters, end to end over a real SMTP server: vote, ask for the link, open it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.test import Client

from tests.newsletter.conftest import SITE_URL
from votes.models import Status, VerificationRequest, Vote, VoteTally
from votes.verification import LINK_SALT, address_hash, verification_token

pytestmark = pytest.mark.django_db

LINK = re.compile(re.escape(SITE_URL) + r"(/votes/verify/[\w:-]+/)")
ADDRESS = "Reader@Example.com"


@pytest.fixture(autouse=True)
def site_settings(settings):
    settings.SITE_URL = SITE_URL
    settings.VOTE_NETWORK_DAILY_CAP = 1


def counts(tool) -> tuple[int, ...]:
    return VoteTally.objects.filter(tool=tool).values_list(
        "ship_count", "skip_count", "held_ship_count", "held_skip_count",
        "verified_ship_count", "verified_skip_count",
    ).get()  # fmt: skip


def voter(tool, choice: str, address: str = "198.51.100.7") -> Client:
    browser = Client(REMOTE_ADDR=address)
    assert browser.post(f"/tools/{tool.slug}/vote/", {"choice": choice}).status_code == 303
    return browser


def ask_for_link(browser, tool, capture, email: str = ADDRESS):
    with capture(execute=True):
        response = browser.post(f"/tools/{tool.slug}/verify/", {"email": email})
    assert response.status_code == 303
    assert response["Location"] == f"/tools/{tool.slug}/verify/sent/"
    return response


def test_a_held_vote_verified_by_e_mail_counts_and_joins_the_verified_figure(
    tool, smtp_server, django_capture_on_commit_callbacks
):
    voter(tool, "skip")
    browser = voter(tool, "ship")  # the network's second vote: held
    assert counts(tool) == (0, 1, 1, 0, 0, 0)
    page = browser.get(f"/tools/{tool.slug}/verify/").content.decode()
    assert "You voted “ship”" in page and "counts at once instead of waiting" in page
    ask_for_link(browser, tool, django_capture_on_commit_callbacks)
    assert (
        "a link is on its way" in browser.get(f"/tools/{tool.slug}/verify/sent/").content.decode()
    )

    [mail] = smtp_server.received
    assert mail.recipients == [ADDRESS]
    assert mail.message["Subject"] == f"Verify your vote on {tool.name}"
    path = LINK.search(mail.text).group(1)
    assert f'href="{SITE_URL}{path}"' in mail.html
    # The address was needed to send the mail, and only for that.
    assert VerificationRequest.objects.get().email == ""

    reader = Client(enforce_csrf_checks=True)  # the link opens in any browser, e.g. a phone
    page = reader.get(path)
    assert page.status_code == 200 and "Verify my vote" in page.content.decode()
    assert counts(tool) == (0, 1, 1, 0, 0, 0)  # opening the link changes nothing
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    done = reader.post(path, {"csrfmiddlewaretoken": token.group(1)})
    assert "Your vote is verified" in done.content.decode()
    assert counts(tool) == (1, 1, 0, 0, 1, 0)
    vote = Vote.objects.get(voter_id__isnull=False, choice="ship")
    assert vote.status == Status.COUNTED and vote.verified_hash == address_hash(ADDRESS)


def test_no_copy_of_the_address_is_kept_anywhere(
    tool, smtp_server, django_capture_on_commit_callbacks
):
    browser = voter(tool, "ship")
    ask_for_link(browser, tool, django_capture_on_commit_callbacks)
    with connection.cursor() as cursor:
        for table in ["votes_vote", "votes_verificationrequest"]:
            cursor.execute(f"SELECT * FROM {table}")
            assert "example.com" not in repr(cursor.fetchall()).lower()


def test_one_verified_vote_per_address_per_tool(
    tool, smtp_server, django_capture_on_commit_callbacks
):
    first, second = voter(tool, "ship"), voter(tool, "skip", "203.0.113.5")
    ask_for_link(first, tool, django_capture_on_commit_callbacks)
    ask_for_link(second, tool, django_capture_on_commit_callbacks, email=ADDRESS.lower())
    links = [LINK.search(mail.text).group(1) for mail in smtp_server.received]
    assert len(links) == 1  # the same address again within 15 minutes: no second mail
    Client().post(links[0])
    second_vote = Vote.objects.get(choice="skip")
    token = verification_token(vote_id=second_vote.pk, hashed_address=address_hash(ADDRESS))
    answer = Client().post(f"/votes/verify/{token}/").content.decode()
    assert "has verified a vote on" in answer
    assert counts(tool) == (1, 1, 0, 0, 1, 0)


def test_verified_votes_are_never_held_by_the_cap(tool, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 0
    voter(tool, "ship")
    vote = Vote.objects.get()
    assert vote.status == Status.HELD
    token = verification_token(vote_id=vote.pk, hashed_address=address_hash(ADDRESS))
    Client().post(f"/votes/verify/{token}/")
    assert counts(tool) == (1, 0, 0, 0, 1, 0)
    # A verified vote takes no unverified voter's place under the cap.
    settings.VOTE_NETWORK_DAILY_CAP = 1
    voter(tool, "skip")
    assert counts(tool) == (1, 1, 0, 0, 1, 0)


def test_a_verified_vote_changed_or_withdrawn_keeps_the_verified_figure_exact(tool):
    browser = voter(tool, "ship")
    token = verification_token(vote_id=Vote.objects.get().pk, hashed_address=address_hash(ADDRESS))
    Client().post(f"/votes/verify/{token}/")
    browser.post(f"/tools/{tool.slug}/vote/", {"choice": "skip"})
    assert counts(tool) == (0, 1, 0, 0, 0, 1)
    browser.post(f"/tools/{tool.slug}/vote/", {"undo": "1"})
    assert counts(tool) == (0, 0, 0, 0, 0, 0)


def test_an_expired_or_forged_link_is_refused_in_words(tool, monkeypatch):
    voter(tool, "ship")
    vote = Vote.objects.get()
    signer = signing.TimestampSigner(salt=LINK_SALT)
    old = signing.TimestampSigner(salt=LINK_SALT)
    monkeypatch.setattr(old, "timestamp", lambda: signing.b62_encode(0))
    expired = old.sign_object({"vote": vote.pk, "address": address_hash(ADDRESS)})
    response = Client().get(f"/votes/verify/{expired}/")
    assert response.status_code == 400 and "work for 3 days" in response.content.decode()
    forged = signer.sign_object({"vote": vote.pk, "address": "x"})[:-3] + "abc"
    response = Client().post(f"/votes/verify/{forged}/")
    assert response.status_code == 400 and "wasn't made by us" in response.content.decode()
    assert counts(tool)[4:] == (0, 0)


def test_asking_without_a_vote_or_with_a_bad_address_explains_and_sends_nothing(
    tool, smtp_server, django_capture_on_commit_callbacks
):
    stranger = Client()
    page = stranger.get(f"/tools/{tool.slug}/verify/").content.decode()
    assert "Vote first" in page
    browser = voter(tool, "ship")
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(f"/tools/{tool.slug}/verify/", {"email": "not-an-address"})
    assert response.status_code == 400
    assert "look like an e-mail address" in response.content.decode()
    assert smtp_server.received == []


def test_expired_requests_are_forgotten(tool, django_capture_on_commit_callbacks, settings):
    browser = voter(tool, "ship")
    ask_for_link(browser, tool, django_capture_on_commit_callbacks, email="a@example.com")
    VerificationRequest.objects.update(
        created_at=VerificationRequest.objects.get().created_at - timedelta(days=4)
    )
    ask_for_link(browser, tool, django_capture_on_commit_callbacks, email="b@example.com")
    assert VerificationRequest.objects.count() == 1
