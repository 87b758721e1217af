from __future__ import annotations

import re

import pytest
from django.test import Client

from picks.models import PairTally, Pick
from tests.tools.factories import ToolFactory

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PAGE = "/compare/alpha-vs-beta/"


class Picker:
    """A browser-like client: CSRF enforced, cookies kept, the token read from the page."""

    def __init__(self, **defaults):
        self.client = Client(enforce_csrf_checks=True, **defaults)
        self.token = ""

    def open(self, path: str = PAGE):
        response = self.client.get(path)
        assert response.status_code == 200
        self.token = CSRF_FIELD.search(response.content.decode()).group(1)
        return response

    def pick(self, first="alpha", second="beta", *, htmx=False, token=None, **data):
        headers = {"HX-Request": "true"} if htmx else {}
        payload = {"csrfmiddlewaretoken": self.token if token is None else token, **data}
        return self.client.post(f"/picks/{first}/{second}/", payload, headers=headers)


@pytest.fixture
def pair(db):
    return ToolFactory(slug="alpha", name="Alpha"), ToolFactory(slug="beta", name="Beta")


@pytest.fixture
def picker(pair):
    picker = Picker()
    picker.open()
    return picker


@pytest.fixture(autouse=True)
def _fit_at_once(settings):
    """Rankings refit on every pick in tests (the immediate task backend runs the fit)."""
    settings.PICKS_FIT_INTERVAL_SECONDS = 0
    settings.PICKS_BOOTSTRAP_SAMPLES = 20


def tally_of(first, second) -> tuple[int, int, int]:
    """(first's picks, second's picks, neither) for the pair, either way round."""
    row = PairTally.objects.for_pair(first, second).first()
    if row is None:
        return (0, 0, 0)
    if first.pk < second.pk:
        return (row.a_count, row.b_count, row.neither_count)
    return (row.b_count, row.a_count, row.neither_count)


def counted_and_held(first, second) -> tuple[int, ...]:
    """(a, b, neither, held a, held b, held neither) of the pair's tally; a is the lower id."""
    return (
        PairTally.objects.for_pair(first, second)
        .values_list(
            "a_count",
            "b_count",
            "neither_count",
            "held_a_count",
            "held_b_count",
            "held_neither_count",
        )  # fmt: skip
        .get()
    )


def picks_snapshot() -> tuple:
    return (
        sorted(Pick.objects.values_list("tool_a_id", "tool_b_id", "voter_id", "picked_id")),
        sorted(PairTally.objects.values_list("a_count", "b_count", "neither_count")),
    )
