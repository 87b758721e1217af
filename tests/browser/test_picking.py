"""Two visitors pick on the demo comparison: one with htmx in place, one without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from picks.models import PairTally, Pick
from tests.conftest import DEMO_COMPARE_URL

FIRST, SECOND = "code-llama-4", "mistral-8b-instruct-v3"
PANEL = f"#pick-panel-{FIRST}-{SECOND}"


@pytest.fixture
def demo_live(transactional_db, live_server, settings):
    from django.core.management import call_command

    settings.PICKS_FIT_INTERVAL_SECONDS = 3600  # the fit is tested elsewhere
    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


def button(page, value: str):
    return page.locator(f"#pick-{FIRST}-{SECOND}-{value}")


def test_picking_in_place_and_without_javascript_counts_each_pick_once(browser, page, demo_live):
    url = demo_live + DEMO_COMPARE_URL
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))

    # With JavaScript: the panel is swapped in place, no page load.
    page.goto(url)
    expect(page.locator("#head-to-head")).to_contain_text("Which would you ship with?")
    expect(page.locator(PANEL)).to_contain_text("Nobody has picked between these two yet.")
    page.evaluate("window.stillTheSameDocument = true")
    button(page, FIRST).click()
    expect(page.locator(f"{PANEL} [role=status]")).to_contain_text(
        "Counted: your pick is Code Llama 4 (70B & 400B)."
    )
    expect(button(page, FIRST)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(PANEL)).to_contain_text("1 pick so far: 1 for Code Llama 4")
    button(page, "neither").click()
    expect(page.locator(f"{PANEL} [role=status]")).to_contain_text(
        "Changed: your pick is now neither."
    )
    assert page.evaluate("window.stillTheSameDocument") is True
    page.reload()
    expect(button(page, "neither")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(PANEL)).to_contain_text("your pick")

    # Without JavaScript: a plain POST, then 303 back to the result.
    plain_context = browser.new_context(java_script_enabled=False)
    try:
        plain = plain_context.new_page()
        plain.goto(url)
        expect(button(plain, SECOND)).to_have_attribute("aria-pressed", "false")
        with plain.expect_navigation():
            button(plain, SECOND).click()
        expect(plain).to_have_url(re.compile(re.escape(url) + "#head-to-head$"))
        expect(button(plain, SECOND)).to_have_attribute("aria-pressed", "true")
        expect(plain.locator(PANEL)).to_contain_text("2 picks so far")
        with plain.expect_navigation():
            plain.locator(f"#pick-{FIRST}-{SECOND}-undo").click()
        expect(plain.locator(PANEL)).to_contain_text("1 pick so far")
    finally:
        plain_context.close()

    assert Pick.objects.count() == 1 and Pick.objects.get().picked is None
    tally = PairTally.objects.get()
    assert (tally.a_count, tally.b_count, tally.neither_count) == (0, 0, 1)
    assert problems == []


IN_VIEW = (
    "el => { const r = el.getBoundingClientRect();"
    " return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }"
)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_pick_without_javascript_lands_with_its_outcome_and_result_in_view(
    browser, demo_live, width
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    try:
        plain = context.new_page()
        plain.goto(demo_live + DEMO_COMPARE_URL)
        for value, said, count in [
            (SECOND, "Counted: your pick is Mistral", "1 pick so far"),
            ("undo", "Your pick is withdrawn.", "Nobody has picked between these two yet."),
        ]:
            with plain.expect_navigation():
                plain.locator(f"#pick-{FIRST}-{SECOND}-{value}").click()
            status = plain.locator(f"{PANEL} [role=status]")
            expect(status).to_contain_text(said)
            expect(plain.locator(PANEL)).to_contain_text(count)
            assert status.evaluate(IN_VIEW), said
            assert plain.locator(f"{PANEL} .pick-results__n").evaluate(IN_VIEW), said
        plain.reload()
        expect(plain.locator(f"{PANEL} [role=status]")).to_contain_text("One pick per visitor")
    finally:
        context.close()
