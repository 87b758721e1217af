"""Bursts: far more votes on a tool in the last hour than its usual hourly rate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteFactory
from votes.bursts import BURST_MIN_VOTES, find_bursts
from votes.models import Vote

pytestmark = pytest.mark.django_db


def votes_at(tool, count: int, when):
    votes = VoteFactory.create_batch(count, tool=tool)
    Vote.objects.filter(pk__in=[vote.pk for vote in votes]).update(created_at=when)


def test_a_quiet_tool_suddenly_busy_is_a_burst():
    now = timezone.now()
    tool = ToolFactory(name="Alpha")
    votes_at(tool, 5, now - timedelta(days=3))
    votes_at(tool, 40, now - timedelta(minutes=20))
    [burst] = find_bursts(now)
    assert burst.tool == tool and burst.votes_last_hour == 40
    assert burst.summary == "40 votes in the last hour; usually 0.0 an hour"


def test_a_busy_tool_at_its_usual_rate_is_not_a_burst():
    now = timezone.now()
    tool = ToolFactory()
    for day in range(1, 28):
        votes_at(tool, 24 * 5, now - timedelta(days=day))  # about 5 an hour, every day
    votes_at(tool, BURST_MIN_VOTES, now - timedelta(minutes=5))
    assert find_bursts(now) == []


def test_a_few_votes_are_never_a_burst():
    now = timezone.now()
    votes_at(ToolFactory(), BURST_MIN_VOTES - 1, now - timedelta(minutes=5))
    assert find_bursts(now) == []


def test_bursts_are_flagged_on_the_review_queue(editor_client):
    votes_at(ToolFactory(name="Alpha"), 40, timezone.now() - timedelta(minutes=5))
    html = editor_client.get("/admin/votes/networkday/").content.decode()
    assert "Bursts in the last hour" in html and "Alpha" in html
