from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.newsletter.conftest import smtp_server  # noqa: F401 - the real SMTP test server
from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteFactory, VoteTallyFactory
from votes.models import Vote, VoteTally

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """A browser-like client: CSRF enforced, cookies kept, the token read from the page."""

    def __init__(self, **defaults):
        self.client = Client(enforce_csrf_checks=True, **defaults)
        self.token = ""

    def open(self, path: str):
        response = self.client.get(path)
        assert response.status_code == 200
        self.token = CSRF_FIELD.search(response.content.decode()).group(1)
        return response

    def vote(self, slug: str, *, htmx: bool = False, referer: str = "", token=None, **data):
        headers = {"HX-Request": "true"} if htmx else {}
        if referer:
            headers["Referer"] = referer
        payload = {"csrfmiddlewaretoken": self.token if token is None else token, **data}
        return self.client.post(f"/tools/{slug}/vote/", payload, headers=headers)


@pytest.fixture
def tool(db):
    return ToolFactory(slug="alpha", name="Alpha")


@pytest.fixture
def visitor(tool):
    visitor = Visitor()
    visitor.open("/tools/alpha/")
    return visitor


@pytest.fixture
def voted_before(tool):
    """Someone else's vote and a tally that agrees with it: refusals must leave both alone."""
    VoteFactory(tool=tool, voter_id="e" * 32, choice="ship")
    VoteTallyFactory(tool=tool, ship_count=1, skip_count=0)


def snapshot() -> tuple:
    votes = sorted(Vote.objects.values_list("tool_id", "voter_id", "choice"))
    tallies = sorted(VoteTally.objects.values_list("tool_id", "ship_count", "skip_count"))
    return votes, tallies
