"""The parts of the comparison and tool pages that move with votes are fragments: the page
writes them out from its own context, and on a later hit each is rendered from the database.
Both must give the same HTML, or a reader would see a different page after a vote."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from comparisons.models import Comparison
from tests.votes.conftest import Visitor
from tools.models import Tool
from tools.stamps import mark_votes_changed

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _without_tokens(html: str) -> str:
    return CSRF_TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def _vote(slug: str, choice: str) -> None:
    voter = Visitor()
    voter.open(f"/tools/{slug}/")
    assert voter.vote(slug, choice=choice).status_code == 303


def _pages() -> list[str]:
    comparisons = [comparison.get_absolute_url() for comparison in Comparison.objects.all()]
    tools = [tool.get_absolute_url() for tool in Tool.objects.all()]
    return comparisons + tools


def test_every_fragment_renders_from_the_database_as_the_page_wrote_it(sample_data, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 100  # every test vote comes from one network
    # A figure at the minimum (a percentage and its interval) and one below it (in words).
    for number in range(12):
        _vote("code-llama-4", "ship" if number % 3 else "skip")
    _vote("mistral-8b-instruct-v3", "skip")
    pages = _pages()
    assert any(page.count("-vs-") >= 2 for page in pages)  # a three- or four-tool comparison
    reader = Client()
    cache.clear()  # the voters' visits filled some pages: each page's first copy is written now
    written = {page: reader.get(page) for page in pages}
    # New votes stamps: every fragment misses, while the pages themselves stay cached.
    mark_votes_changed(Tool.objects.values_list("pk", flat=True))
    for page, first in written.items():
        assert first["X-Page-Cache"] == "miss", page
        again = reader.get(page)
        assert again["X-Page-Cache"] == "hit", page
        assert _without_tokens(again.content.decode()) == _without_tokens(first.content.decode()), (
            page
        )


def test_a_vote_renders_only_the_fragments_of_its_tool(demo_data, django_assert_num_queries):
    page = "/compare/code-llama-4-vs-mistral-8b-instruct-v3/"
    reader = Client()
    reader.get(page)
    _vote("code-llama-4", "ship")
    # The stamps; then code-llama-4's community and verified figures, its disagreement line
    # (the content stamp its kept panel figure is under, its tally), og:description with the
    # share image's address (the content stamp, both tools' tallies, the head-to-head line):
    # nothing of mistral's alone.
    with django_assert_num_queries(8):
        response = reader.get(page)
    assert response["X-Page-Cache"] == "hit"
    assert "1 vote — too few to call" in response.content.decode()


def test_the_line_quoting_both_shares_moves_with_votes_on_a_cached_page(demo_data, settings):
    settings.VOTE_NETWORK_DAILY_CAP = 100  # every test vote comes from one network
    page = "/compare/code-llama-4-vs-mistral-8b-instruct-v3/"
    reader = Client()
    assert "Voters are" not in reader.get(page).content.decode()
    for _ in range(10):  # the panel would ship Mistral; ten voters would not
        _vote("mistral-8b-instruct-v3", "skip")
    response = reader.get(page)
    assert response["X-Page-Cache"] == "hit"
    assert "Voters are more doubtful about Mistral 8B Instruct v3 than the panel: 0% of voters" in (
        response.content.decode()
    )
