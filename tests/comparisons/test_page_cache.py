"""Whole pages come from the cache, yet every visitor's token and vote are their own, and no
figure or verdict is ever stale."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from comparisons.models import Comparison
from core.publishing import PublishStatus, seconds_until_next_publication
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.conftest import CSRF_FIELD, Visitor
from verdicts.models import Decision, Verdict
from verdicts.services import change_decision

pytestmark = pytest.mark.django_db

URL = "/compare/alpha-vs-beta/"


@pytest.fixture
def pair():
    alpha = ToolFactory(slug="alpha", name="Alpha")
    beta = ToolFactory(slug="beta", name="Beta")
    VerdictFactory(tool=alpha, decision=Decision.SHIP, body="Alpha earns the ship.")
    return alpha, beta


def test_second_load_is_a_hit_costing_one_query(client, pair, django_assert_num_queries):
    assert client.get(URL)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):
        assert client.get(URL)["X-Page-Cache"] == "hit"


def test_every_visitor_gets_a_csrf_token_of_their_own_that_works(pair):
    first, second = Visitor(), Visitor()
    first.open(URL)
    response = second.open(URL)
    assert response["X-Page-Cache"] == "hit"
    assert first.token != second.token
    assert first.client.cookies["csrftoken"].value != second.client.cookies["csrftoken"].value
    assert second.vote("alpha", choice="ship").status_code == 303
    # A token from someone else's page is refused: it was never shared.
    assert first.vote("beta", choice="ship", token=second.token).status_code == 403


def test_a_vote_is_on_the_next_load_never_a_stale_figure(pair):
    reader, voter = Client(), Visitor()
    assert "No votes yet" in reader.get(URL).content.decode()
    voter.open(URL)
    voter.vote("alpha", choice="ship")
    response = reader.get(URL)
    # The page stays cached: only the fragments showing alpha's figures are rendered again.
    assert response["X-Page-Cache"] == "hit"
    html = response.content.decode()
    assert 'figure__value--words">1 vote — too few to call</span>' in html
    assert "Alpha: panel 1 of 1 reviewer: ship; community 1 vote" in html  # og:description


def test_a_voter_sees_their_own_vote_pressed_on_a_cached_page(pair):
    voter = Visitor()
    voter.open(URL)
    voter.vote("alpha", choice="skip")
    Client().get(URL)  # an anonymous reader fills the cache first
    html = voter.client.get(URL).content.decode()
    assert 'id="vote-alpha-skip" type="submit" name="choice" value="skip" aria-pressed="true"' in (
        html
    )
    assert 'id="vote-beta-ship" type="submit" name="choice" value="ship" aria-pressed="false"' in (
        html
    )
    assert 'aria-pressed="true"' not in Client().get(URL).content.decode()


def test_an_edited_verdict_shows_at_once(pair):
    client = Client()
    client.get(URL)
    verdict = Verdict.objects.get()
    verdict.body = "Changed my mind: **skip** it."
    change_decision(verdict=verdict, decision=Decision.SKIP)
    html = client.get(URL).content.decode()
    assert "Changed my mind: <strong>skip</strong> it." in html
    assert "Changed from ship to skip" in html


def test_renaming_a_tool_reaches_every_page_that_shows_it(pair, client):
    alpha, _ = pair
    for path in [URL, "/", "/tools/alpha/", "/tools/"]:
        client.get(path)
    alpha.name = "Alpha Prime"
    alpha.save()
    for path in [URL, "/", "/tools/alpha/", "/tools/"]:
        assert "Alpha Prime" in client.get(path).content.decode(), path


def test_a_new_comparison_summary_shows_at_once(pair, client):
    alpha, beta = pair
    client.get(URL)
    ComparisonFactory(tools=[alpha, beta], summary="Ship **Alpha** for code.")
    assert "Ship <strong>Alpha</strong> for code." in client.get(URL).content.decode()


def test_a_scheduled_comparison_limits_how_long_a_copy_lives(pair):
    alpha, beta = pair
    assert seconds_until_next_publication(Verdict, Comparison, longest=600) == 600
    ComparisonFactory(tools=[alpha, beta], published_at=timezone.now() + timedelta(seconds=90))
    assert 85 <= seconds_until_next_publication(Verdict, Comparison, longest=600) <= 90
    VerdictFactory(status=PublishStatus.DRAFT, published_at=timezone.now() + timedelta(seconds=5))
    assert seconds_until_next_publication(Verdict, Comparison, longest=600) > 60  # drafts wait


def test_staff_and_htmx_requests_skip_the_cache(pair, client, editor_client):
    client.get(URL)
    assert "X-Page-Cache" not in editor_client.get(URL)
    assert "X-Page-Cache" not in client.get(URL, headers={"HX-Request": "true"})


def test_each_host_has_its_own_copy_because_pages_hold_absolute_urls(pair, client, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    client.get(URL, HTTP_HOST="one.example")
    response = client.get(URL, HTTP_HOST="two.example")
    assert response["X-Page-Cache"] == "miss"
    assert "one.example" not in response.content.decode()


@override_settings(PAGE_CACHE=False)
def test_page_cache_false_renders_every_time(pair, client):
    client.get(URL)
    assert "X-Page-Cache" not in client.get(URL)


def test_not_found_and_redirects_are_not_stored(pair, client):
    assert client.get("/compare/beta-vs-alpha/").status_code == 301
    assert client.get("/compare/alpha-vs-nope/").status_code == 404
    assert client.get(URL)["X-Page-Cache"] == "miss"


def test_shared_redis_cache_serves_and_invalidates_across_workers(pair, redis_url):
    """Two workers share Redis: a vote through one makes the other's next load fresh."""
    caches = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "shipboard-pagecache-test",
        }
    }
    with override_settings(CACHES=caches):
        reader, voter = Client(), Visitor()
        reader.get(URL)
        assert reader.get(URL)["X-Page-Cache"] == "hit"
        voter.open(URL)
        voter.vote("beta", choice="ship")
        html = reader.get(URL).content.decode()
        assert CSRF_FIELD.search(html)
        assert html.count('figure__value--words">1 vote — too few to call</span>') == 1


def test_a_hit_carries_every_header_the_full_stack_gave_the_miss(pair):
    miss = Client().get(URL)
    hit = Client().get(URL)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    ignored = {"x-page-cache", "content-length", "set-cookie"}
    assert {k: v for k, v in hit.items() if k.lower() not in ignored} == {
        k: v for k, v in miss.items() if k.lower() not in ignored
    }
    for name in ["Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Vary"]:
        assert hit[name], name
    assert "Cookie" in hit["Vary"]
    # A new visitor gets a CSRF cookie whose secret the page's token was made from.
    assert hit.cookies["csrftoken"].value
    visitor = Visitor()
    visitor.open(URL)
    assert visitor.vote("alpha", choice="ship").status_code == 303


def test_a_signed_in_reader_passes_through_the_full_stack_and_still_shares_the_page(pair):
    from tests.desk.factories import UserFactory

    Client().get(URL)
    reader = Client()
    reader.force_login(UserFactory())
    response = reader.get(URL)
    assert response["X-Page-Cache"] == "hit"  # served by the view's decorator, not early
    assert "Draft" not in response.content.decode()
