from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_COMPARE_URL
from verdicts.models import Verdict


@pytest.fixture
def demo_live(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


def test_reader_sees_both_tools_figures_and_all_eight_quotes(page, demo_live):
    page.goto(demo_live + DEMO_COMPARE_URL)
    expect(page.locator("h1")).to_contain_text("Code Llama 4 (70B & 400B)")
    expect(page.locator("h1")).to_contain_text("Mistral 8B Instruct v3")
    cards = page.locator(".tool-card")
    expect(cards).to_have_count(2)
    for index in range(2):
        card = cards.nth(index)
        expect(card.locator(".figure--panel .figure__value")).to_have_text("100%")
        expect(card.locator(".figure--community .figure__value")).to_have_text("—")
        expect(card.locator(".figure--entry .figure__value")).to_have_text("Free")
    quotes = page.locator(".quote__body")
    expect(quotes).to_have_count(8)
    shown = " ".join(quotes.all_text_contents())  # folded behind <details>, still on the page
    for body in Verdict.objects.values_list("body", flat=True):
        # The quote as a reader sees it: Markdown code spans lose their backticks.
        assert body.replace("`", "")[:120] in shown


def test_cards_sit_side_by_side_on_desktop_and_stack_on_a_phone(page, phone_page, demo_live):
    page.goto(demo_live + DEMO_COMPARE_URL)
    first, second = page.locator(".tool-card").all()
    assert first.bounding_box()["y"] == second.bounding_box()["y"]
    phone_page.goto(demo_live + DEMO_COMPARE_URL)
    first, second = phone_page.locator(".tool-card").all()
    assert second.bounding_box()["y"] > first.bounding_box()["y"] + first.bounding_box()["height"]
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"


def test_page_loads_no_failing_resource_and_breaks_no_csp(page, demo_live):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("requestfailed", lambda request: problems.append(request.url))
    page.goto(demo_live + DEMO_COMPARE_URL)
    page.wait_for_load_state("networkidle")
    assert problems == []
