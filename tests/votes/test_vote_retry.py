"""A vote sent again after its answer was lost counts once, and an outage says what it knows.

When the connection drops after the vote committed, the visitor never sees the answer or the
voter cookie it carried. Their id is settled before the write (from the CSRF cookie their
page already set), so the retry is the same voter and changes nothing. An outage in the
middle of a vote cannot know whether the vote committed: the 503 page says so, and that
sending it again is safe, instead of claiming nothing was saved.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError

from tests.votes.conftest import Visitor
from votes import services
from votes.models import Vote, VoteTally
from votes.voters import VOTER_COOKIE


def tally() -> tuple[int, int]:
    row = VoteTally.objects.get(tool__slug="alpha")
    return row.ship_count, row.skip_count


def lose_the_answer(visitor: Visitor) -> None:
    """The answer never arrived: the voter cookie it set is not in the browser."""
    visitor.client.cookies.pop(VOTER_COOKIE, None)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_first_vote_retried_after_a_lost_answer_counts_once(visitor, htmx):
    first = visitor.vote("alpha", choice="ship", htmx=htmx)
    assert first.status_code in (200, 303)
    lose_the_answer(visitor)
    retry = visitor.vote("alpha", choice="ship", htmx=htmx)
    assert retry.status_code in (200, 303)
    assert Vote.objects.count() == 1
    assert tally() == (1, 0)
    # The retry's answer carries the voter cookie for the vote that counted.
    voter_id = Vote.objects.get().voter_id
    assert retry.cookies[VOTER_COOKIE].value.startswith(voter_id + ":")


def test_a_change_of_mind_retried_after_a_lost_answer_is_one_change(visitor):
    visitor.vote("alpha", choice="ship")
    lose_the_answer(visitor)
    visitor.vote("alpha", choice="skip")
    lose_the_answer(visitor)
    visitor.vote("alpha", choice="skip")
    assert list(Vote.objects.values_list("choice", flat=True)) == ["skip"]
    assert tally() == (0, 1)


def test_two_visitors_without_voter_cookies_are_still_two_voters(tool):
    first, second = Visitor(), Visitor()
    for visitor in (first, second):
        visitor.open("/tools/alpha/")
        visitor.vote("alpha", choice="ship")
    assert Vote.objects.values("voter_id").distinct().count() == 2
    assert tally() == (2, 0)


def test_the_voter_id_does_not_reveal_the_csrf_cookie(visitor):
    visitor.vote("alpha", choice="ship")
    csrf_secret = visitor.client.cookies["csrftoken"].value
    assert csrf_secret not in Vote.objects.get().voter_id


def test_an_outage_mid_vote_says_the_outcome_is_unknown_and_a_retry_is_safe(visitor):
    with mock.patch.object(
        services, "_shift_tally", side_effect=OperationalError("server closed the connection")
    ):
        response = visitor.vote("alpha", choice="ship")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Nothing you sent was saved" not in html
    assert "can’t tell whether" in html
    assert "Sending it again is safe" in html
    assert not Vote.objects.exists()
    # And the retry, once the database is back, counts once.
    visitor.vote("alpha", choice="ship")
    visitor.vote("alpha", choice="ship")
    assert tally() == (1, 0)


def test_a_page_view_during_an_outage_does_not_speak_of_anything_sent(client, db):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "can’t tell whether" not in html
    assert "Nothing you sent was saved" not in html
