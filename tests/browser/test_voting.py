"""Three visitors vote on the demo comparison: two with htmx, one without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_COMPARE_URL
from votes.models import Vote, VoteTally

TOOL = "code-llama-4"


@pytest.fixture
def demo_live(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


def community_cell(page):
    return page.locator(f"#community-cell-{TOOL}")


def test_three_visitors_vote_and_each_vote_counts_once(browser, page, demo_live):
    url = demo_live + DEMO_COMPARE_URL
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))

    # Visitor 1 votes ship and sees the figure change without a page load.
    page.goto(url)
    expect(community_cell(page)).to_contain_text("—")
    page.evaluate("window.stillTheSameDocument = true")
    page.locator(f"#vote-{TOOL}-ship").click()
    expect(community_cell(page)).to_contain_text("1 vote — too few to call")
    expect(page.locator(f"#community-standing-{TOOL}")).to_contain_text("1 vote — too few to call")
    expect(page.locator(f"#vote-{TOOL}-ship")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#vote-panel-{TOOL} [role=status]")).to_contain_text(
        "Counted: you voted “ship”."
    )
    assert page.evaluate("window.stillTheSameDocument") is True

    # After a reload the vote and its pressed button persist.
    page.reload()
    expect(community_cell(page)).to_contain_text("1 vote — too few to call")
    expect(page.locator(f"#vote-{TOOL}-ship")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#vote-{TOOL}-skip")).to_have_attribute("aria-pressed", "false")

    # Visitor 2, a new browser context, votes skip: 50% of 2 votes.
    second = browser.new_context()
    try:
        other = second.new_page()
        other.goto(url)
        expect(other.locator(f"#vote-{TOOL}-ship")).to_have_attribute("aria-pressed", "false")
        other.locator(f"#vote-{TOOL}-skip").click()
        expect(community_cell(other)).to_contain_text("2 votes — too few to call")
        expect(other.locator(f"#vote-{TOOL}-skip")).to_have_attribute("aria-pressed", "true")
    finally:
        second.close()

    # Visitor 3 has JavaScript off: a plain POST, then 303 back to the same page.
    third = browser.new_context(java_script_enabled=False)
    try:
        plain = third.new_page()
        plain.goto(url)
        with plain.expect_navigation():
            plain.locator(f"#vote-{TOOL}-ship").click()
        expect(plain).to_have_url(re.compile(re.escape(url) + f"#vote-panel-{TOOL}$"))
        expect(community_cell(plain)).to_contain_text("3 votes — too few to call")
        expect(plain.locator(f"#vote-{TOOL}-ship")).to_have_attribute("aria-pressed", "true")
    finally:
        third.close()

    assert Vote.objects.filter(tool__slug=TOOL).count() == 3
    tally = VoteTally.objects.get(tool__slug=TOOL)
    assert (tally.ship_count, tally.skip_count) == (2, 1)
    assert problems == []


def test_undo_with_htmx_takes_the_vote_back_and_the_card_does_not_jump(page, demo_live):
    page.goto(demo_live + DEMO_COMPARE_URL)
    card = page.locator(".tool-card").first
    height = card.bounding_box()["height"]
    page.locator(f"#vote-{TOOL}-skip").click()
    expect(community_cell(page)).to_contain_text("1 vote — too few to call")
    assert card.bounding_box()["height"] == height
    page.locator(f"#vote-{TOOL}-undo").click()
    expect(community_cell(page)).to_contain_text("—")
    expect(page.locator(f"#vote-panel-{TOOL} [role=status]")).to_contain_text("withdrawn")
    expect(page.locator(f"#vote-{TOOL}-skip")).to_have_attribute("aria-pressed", "false")
    assert card.bounding_box()["height"] == height
    assert not Vote.objects.exists()


def test_a_rate_limited_htmx_vote_says_when_to_try_again_in_the_panel(page, demo_live):
    from django.test import override_settings

    from throttle.rates import Rate

    with override_settings(RATE_LIMITS={"vote": Rate(1, 60)}, RATE_LIMIT_STORE="database"):
        page.goto(demo_live + DEMO_COMPARE_URL)
        page.locator(f"#vote-{TOOL}-ship").click()
        expect(community_cell(page)).to_contain_text("1 vote — too few to call")
        page.locator(f"#vote-{TOOL}-skip").click()
        status = page.locator(f"#vote-panel-{TOOL} [role=status]")
        expect(status).to_contain_text("Too many votes from your network just now. Try again in")
    expect(community_cell(page)).to_contain_text("1 vote — too few to call")
    expect(page.locator(f"#vote-{TOOL}-ship")).to_have_attribute("aria-pressed", "true")
    assert Vote.objects.get().choice == "ship"
