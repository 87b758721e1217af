from __future__ import annotations

import re

import pytest
from django.utils.html import strip_tags

from newsletter.consent import BOX_LINES, CONSENT_WORDING
from newsletter.models import Subscriber, SubscriberStatus
from tests.conftest import DEMO_COMPARE_URL
from tests.newsletter.factories import ConfirmedSubscriberFactory, SubscriberFactory
from tests.newsletter.helpers import CSRF_INPUT, SUBSCRIBE_URL, subscribe, visitor
from throttle.models import RateBucket
from throttle.rates import Rate

pytestmark = pytest.mark.django_db

SEED_LINES = (
    "Weekly AI Tool Verdicts",
    "Get the next comparison in your inbox",
    "New AI tools ship daily. We compare them before you waste an afternoon.",
)


@pytest.mark.parametrize("page", ["/", DEMO_COMPARE_URL])
def test_box_on_home_and_comparison_page_is_a_plain_post_form_with_a_labelled_email(
    client, demo_data, page
):
    html = client.get(page).content.decode()
    box = html[html.index('<aside class="newsletter"') :]
    box = box[: box.index("</aside>")]
    for line in SEED_LINES:
        assert line in box
    assert 'method="post" action="/newsletter/subscribe/"' in box
    assert 'hx-post="/newsletter/subscribe/"' in box
    assert re.search(r'<input type="hidden" name="csrfmiddlewaretoken" value="\w+">', box)
    assert 'type="email" id="newsletter-email" name="email" required' in box
    assert (
        '<label class="newsletter__label" for="newsletter-email">Your e-mail address</label>' in box
    )
    assert "hx-headers" not in html


def test_box_carries_nothing_per_visitor_except_the_csrf_token(demo_data):
    first = visitor("198.51.100.1").get(DEMO_COMPARE_URL).content.decode()
    second = visitor("203.0.113.9").get(DEMO_COMPARE_URL).content.decode()
    assert first != second  # each visitor has their own token …
    assert CSRF_INPUT.sub("", first) == CSRF_INPUT.sub("", second)  # … and nothing else differs


def test_box_shows_exactly_the_words_recorded_as_consent(client):
    text = " ".join(strip_tags(client.get("/").content.decode()).split())
    for line in BOX_LINES:
        assert line in text


def test_new_address_gets_a_303_to_the_thank_you_page_and_a_pending_row_with_consent():
    response = subscribe(visitor("198.51.100.7"), "Reader@Example.COM")
    assert response.status_code == 303
    assert response["Location"] == "/newsletter/thanks/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.email == "Reader@example.com"
    assert subscriber.consent_wording == CONSENT_WORDING
    assert subscriber.consent_at is not None and subscriber.confirmed_at is None
    assert len(subscriber.consent_ip_hash) == 64
    assert "198.51.100.7" not in subscriber.consent_ip_hash
    page = visitor().get("/newsletter/thanks/")
    assert page.status_code == 200
    assert "Thanks: check your inbox." in page.content.decode()


def test_htmx_sign_up_swaps_in_the_thank_you_partial_and_varies_on_hx_request():
    response = subscribe(visitor(), "reader@example.com", htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thanks: check your inbox." in html
    assert "<html" not in html and "<form" not in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("htmx", [False, True])
def test_answer_is_the_same_for_a_new_a_pending_and_a_confirmed_address(htmx):
    SubscriberFactory(email="pending@example.com")
    ConfirmedSubscriberFactory(email="confirmed@example.com")
    answers = set()
    for email in ("new@example.com", "pending@example.com", "confirmed@example.com"):
        response = subscribe(visitor(), email, htmx=htmx)
        answers.add((response.status_code, response.get("Location"), response.content))
    assert len(answers) == 1
    assert Subscriber.objects.get(email="confirmed@example.com").is_confirmed


def test_sign_up_without_the_csrf_token_is_refused():
    response = visitor().post(SUBSCRIBE_URL, {"email": "reader@example.com"})
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("email", ["not-an-address", "reader@example", "", "a" * 250 + "@x.io"])
def test_invalid_address_answers_400_with_the_form_and_a_reason_and_writes_nothing(email):
    response = subscribe(visitor(), email)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="newsletter-problem" role="alert"' in html
    assert any(
        reason in html
        for reason in ("look like an e-mail address", "Enter your e-mail", "too long")
    )
    assert 'name="email"' in html and "<html" in html
    assert not Subscriber.objects.exists()
    assert not RateBucket.objects.exists()


def test_invalid_address_over_htmx_gets_the_form_partial_with_the_error():
    response = subscribe(visitor(), "reader@example", htmx=True)
    assert response.status_code == 400
    html = response.content.decode()
    assert html.lstrip().startswith('<form class="newsletter__form"')
    assert 'value="reader@example"' in html and 'aria-invalid="true"' in html
    assert "look like an e-mail address" in html


@pytest.mark.parametrize("htmx", [False, True])
def test_too_many_sign_ups_from_one_address_answer_429_with_retry_after(settings, htmx):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "newsletter": Rate(limit=2, period=60)}
    client = visitor("192.0.2.44")
    for number in range(2):
        assert subscribe(client, f"reader{number}@example.com", htmx=htmx).status_code in {200, 303}
    response = subscribe(client, "third@example.com", htmx=htmx)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many sign-ups from your network just now" in response.content.decode()
    assert not Subscriber.objects.filter(email="third@example.com").exists()
    assert subscribe(visitor("192.0.2.45"), "other@example.com").status_code == 303


def test_get_on_the_subscribe_address_is_405(client):
    assert client.get(SUBSCRIBE_URL).status_code == 405


def test_pages_with_the_box_keep_their_query_budget(
    client, demo_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        assert client.get(DEMO_COMPARE_URL).status_code == 200
