"""The public moderation log: the site-wide page and each tool page, with no personal data."""

from __future__ import annotations

import pytest

from tests.tools.factories import ToolFactory
from votes.models import NetworkDay
from votes.services import cast_vote, release_held_votes, void_held_votes

pytestmark = pytest.mark.django_db


def held_votes(tool, count: int, network: str):
    for n in range(count + 1):  # the first counts (cap 1), the rest are held
        voter = f"{network[0]}{n:031x}"
        cast_vote(tool=tool, voter_id=voter, choice="ship", network_hash=network * 64)
    return NetworkDay.objects.get(tool=tool, network_hash=network * 64)


@pytest.fixture(autouse=True)
def cap_of_one(settings):
    settings.VOTE_NETWORK_DAILY_CAP = 1


def test_the_log_page_lists_every_decision_without_personal_data(client):
    alpha, beta = ToolFactory(name="Alpha"), ToolFactory(name="Beta")
    released = held_votes(alpha, 3, "a")
    voided = held_votes(beta, 112, "b")
    release_held_votes(group=released)
    void_held_votes(group=voided)
    response = client.get("/moderation/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "112 held votes from one network voided (112 ship, 0 skip)" in html
    assert "3 held votes from one network released (3 ship, 0 skip)" in html
    assert html.index("Beta") < html.index("Alpha")  # newest first
    assert "a" * 64 not in html and "b" * 64 not in html


def test_an_empty_log_says_so(client):
    assert (
        "No held votes or picks have been decided yet."
        in client.get("/moderation/").content.decode()
    )


def test_the_tool_page_shows_its_own_log_entries(client, settings):
    settings.PAGE_CACHE = False
    alpha, beta = ToolFactory(name="Alpha", slug="alpha"), ToolFactory(name="Beta")
    void_held_votes(group=held_votes(alpha, 4, "a"))
    void_held_votes(group=held_votes(beta, 9, "b"))
    html = client.get("/tools/alpha/").content.decode()
    assert "Moderation log" in html
    assert "4 held votes from one network voided" in html
    assert "9 held votes" not in html


def test_a_tool_without_decisions_shows_no_log(client):
    ToolFactory(slug="alpha")
    assert "Moderation log" not in client.get("/tools/alpha/").content.decode()


def test_the_log_page_reads_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(3):
        void_held_votes(group=held_votes(ToolFactory(), 2, "abc"[n]))
    with django_assert_max_num_queries(4):
        client.get("/moderation/")
