from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsletter.models import Subscriber, SubscriberStatus
from tests.conftest import DEMO_COMPARE_URL


@pytest.fixture
def demo_live(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


def test_reader_subscribes_from_the_comparison_page_without_leaving_it(page, demo_live):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(demo_live + DEMO_COMPARE_URL)
    box = page.locator("aside.newsletter")
    box.get_by_label("Your e-mail address").fill("reader@example.com")
    box.get_by_role("button", name="Subscribe").click()
    expect(box.get_by_role("status")).to_contain_text("Thanks: check your inbox.")
    assert page.url == demo_live + DEMO_COMPARE_URL  # swapped in place by htmx
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    assert problems == []


def test_an_address_the_server_rejects_shows_the_reason_in_the_box(page, demo_live):
    page.goto(demo_live + "/")
    box = page.locator("aside.newsletter")
    # The browser accepts "reader@example" (no dot needed); the server does not.
    box.get_by_label("Your e-mail address").fill("reader@example")
    box.get_by_role("button", name="Subscribe").click()
    expect(box.get_by_role("alert")).to_contain_text("doesn't look like an e-mail address")
    expect(box.get_by_label("Your e-mail address")).to_have_value("reader@example")
    assert not Subscriber.objects.exists()


def test_without_javascript_the_form_posts_and_lands_on_the_thank_you_page(browser, demo_live):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_live + "/")
    page.get_by_label("Your e-mail address").fill("reader@example.com")
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(demo_live + "/newsletter/thanks/")
    expect(page.get_by_role("status")).to_contain_text("Thanks: check your inbox.")
    context.close()
    assert Subscriber.objects.count() == 1
