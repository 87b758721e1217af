"""Voting by keyboard alone on the comparison page: reachable with Tab, pressed with Enter or
Space, a visible focus ring, the focus kept on the panel after htmx swaps it, tap targets of
44 px on a phone, and no layout shift above the vote panel when the answer swaps in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import (
    DEMO_TOOL,
    THREE_TOOL_COMPARE_URL,
    load_demo_with_a_third_tool,
    tab_to,
)
from tests.conftest import DEMO_COMPARE_URL
from votes.models import Vote, VoteTally

SHIP = f"#vote-{DEMO_TOOL}-ship"
SKIP = f"#vote-{DEMO_TOOL}-skip"
UNDO = f"#vote-{DEMO_TOOL}-undo"
PANEL = f"#vote-panel-{DEMO_TOOL}"
COMMUNITY = f"#community-cell-{DEMO_TOOL}"


@pytest.fixture
def site(transactional_db, live_server):
    load_demo_with_a_third_tool()
    return live_server.url


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(url: str, *, width: int = 1280):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, is_mobile=width < 720, has_touch=width < 720
        )
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.problems = problems
        page.goto(url)
        page.wait_for_function("() => window.htmx !== undefined")
        return page

    yield open_
    for context in contexts:
        context.close()


def focused(page) -> dict:
    """Which element has the focus, and how it is drawn."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            id: el.id, tag: el.tagName, focusVisible: el.matches(':focus-visible'),
            outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
            outlineColor: style.outlineColor, background: style.backgroundColor,
          };
        }"""
    )


def assert_focus_ring(state: dict) -> None:
    assert state["focusVisible"], state
    assert state["outlineStyle"] not in {"none", "hidden"}, state
    assert state["outlineWidth"] >= 2, state
    assert state["outlineColor"] not in {state["background"], "rgba(0, 0, 0, 0)"}, state


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_a_visitor_votes_with_the_keyboard_alone_and_keeps_the_focus(site, open_page, key):
    page = open_page(site + DEMO_COMPARE_URL)
    expect(page.locator(COMMUNITY)).to_contain_text("—")
    page.evaluate("window.stillTheSameDocument = true")

    tab_to(page, SHIP)
    assert_focus_ring(focused(page))
    page.keyboard.press(key)

    expect(page.locator(COMMUNITY)).to_contain_text("1 vote — too few to call")
    expect(page.locator(SHIP)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"{PANEL} [role=status]")).to_contain_text("Counted: you voted “ship”.")
    # The panel was replaced, yet the focus is on the new ship button, still drawn as focused.
    expect(page.locator(SHIP)).to_be_focused()
    assert_focus_ring(focused(page))
    assert page.evaluate("window.stillTheSameDocument") is True

    # The next Tab goes on within the panel (to Skip), not back to the top of the page.
    page.keyboard.press("Tab")
    expect(page.locator(SKIP)).to_be_focused()
    page.keyboard.press(key)
    expect(page.locator(f"{COMMUNITY} .figure__value")).to_have_text("1 vote — too few to call")
    expect(page.locator(SKIP)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(SHIP)).to_have_attribute("aria-pressed", "false")
    expect(page.locator(SKIP)).to_be_focused()

    assert Vote.objects.get(tool__slug=DEMO_TOOL).choice == "skip"
    tally = VoteTally.objects.get(tool__slug=DEMO_TOOL)
    assert (tally.ship_count, tally.skip_count) == (0, 1)
    assert page.problems == []


def test_undo_by_keyboard_leaves_the_focus_in_the_panel_not_on_the_page(site, open_page):
    """Undo disappears with the vote it took back; the focus must land in the panel, not <body>."""
    page = open_page(site + DEMO_COMPARE_URL)
    tab_to(page, SHIP)
    page.keyboard.press("Enter")
    expect(page.locator(UNDO)).to_be_visible()

    tab_to(page, UNDO)
    page.keyboard.press("Enter")
    expect(page.locator(f"{PANEL} [role=status]")).to_contain_text("withdrawn")
    expect(page.locator(UNDO)).to_have_count(0)
    expect(page.locator(SHIP)).to_be_focused()
    assert_focus_ring(focused(page))
    # And from there the keyboard can vote again at once.
    page.keyboard.press("Enter")
    expect(page.locator(SHIP)).to_have_attribute("aria-pressed", "true")
    assert Vote.objects.get(tool__slug=DEMO_TOOL).choice == "ship"
    assert page.problems == []


def test_the_result_of_a_vote_is_announced_through_a_live_region_that_outlives_the_swap(
    site, open_page
):
    """A status inserted by a swap is not reliably read out; the page keeps one polite live
    region that is already present when the answer arrives, and it says what happened."""
    page = open_page(site + DEMO_COMPARE_URL)
    announcer = page.locator("#vote-announcer")
    expect(announcer).to_have_attribute("role", "status")
    expect(announcer).to_have_text("")
    handle = announcer.element_handle()
    tab_to(page, SHIP)
    page.keyboard.press("Enter")
    expect(announcer).to_contain_text("Counted: you voted “ship”.")
    expect(announcer).to_contain_text("Code Llama 4")
    assert handle.evaluate("element => element.isConnected") is True


def test_without_javascript_the_keyboard_votes_and_carries_on_from_the_panel(browser, site):
    """A plain POST and a 303 back to #vote-panel-…: the next Tab lands in that panel."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + DEMO_COMPARE_URL)
        tab_to(page, SHIP)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page).to_have_url(f"{site}{DEMO_COMPARE_URL}#vote-panel-{DEMO_TOOL}")
        expect(page.locator(SHIP)).to_have_attribute("aria-pressed", "true")
        page.keyboard.press("Tab")
        expect(page.locator(SHIP)).to_be_focused()
    finally:
        context.close()
    assert Vote.objects.get(tool__slug=DEMO_TOOL).choice == "ship"


@pytest.mark.parametrize("path", [DEMO_COMPARE_URL, THREE_TOOL_COMPARE_URL], ids=["2", "3"])
def test_every_button_and_link_in_the_cards_is_a_44px_tap_target_on_a_phone(site, open_page, path):
    page = open_page(site + path, width=375)
    # Vote once so the panel's Undo button is there to be measured too.
    page.locator(SHIP).click()
    expect(page.locator(UNDO)).to_be_visible()
    cards = page.locator(".tool-card").count()
    targets = page.evaluate(
        """() => [...document.querySelectorAll('.tool-card a, .tool-card button')]
            .filter(el => el.getClientRects().length)
            .map(el => ({
              what: (el.id || el.textContent.trim()).slice(0, 40),
              height: el.getBoundingClientRect().height,
              width: el.getBoundingClientRect().width,
            }))"""
    )
    # Every card's name link, Ship and Skip, and the Undo of the vote just cast, at least.
    assert cards == len(path.split("-vs-")) and len(targets) >= 3 * cards + 1, targets
    too_small = [t for t in targets if t["height"] < 44 or t["width"] < 24]
    assert too_small == [], too_small


def card_layout(page, card_selector: str) -> dict:
    """Heights and tops of the card and of everything in it above the vote panel."""
    return page.evaluate(
        """(selector) => {
          const card = document.querySelector(selector);
          const box = el => { const r = el.getBoundingClientRect(); return [r.top, r.height]; };
          const above = [];
          for (const child of card.children) {
            if (child.classList.contains('vote-panel')) break;
            above.push(box(child));
          }
          for (const figure of card.querySelectorAll('.figure')) above.push(box(figure));
          return {card: box(card), above, panel: box(card.querySelector('.vote-panel'))};
        }""",
        card_selector,
    )


def assert_same_layout(before: dict, after: dict) -> None:
    def close(a, b):
        return abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1

    assert close(before["card"], after["card"]), (before, after)
    assert len(before["above"]) == len(after["above"]) > 3, (before, after)
    assert all(close(b, a) for b, a in zip(before["above"], after["above"], strict=True)), (
        before,
        after,
    )
    assert close(before["panel"], after["panel"]), (before, after)


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [DEMO_COMPARE_URL, THREE_TOOL_COMPARE_URL], ids=["2", "3"])
def test_nothing_above_the_vote_panel_moves_when_a_vote_swaps_in(site, open_page, path, width):
    page = open_page(site + path, width=width)
    page.evaluate(
        """() => {
          window.layoutShifts = [];
          new PerformanceObserver(list => window.layoutShifts.push(
            ...list.getEntries().map(e => e.value))).observe({type: 'layout-shift'});
        }"""
    )
    card = f".tool-card:has({PANEL})"
    # The whole panel in view (the Undo button too), so focusing a button never scrolls.
    page.locator(PANEL).evaluate("panel => panel.scrollIntoView({block: 'center'})")
    before = card_layout(page, card)
    # One vote reads the same whichever way it went: the pressed button says the swap is done.
    one = "1 vote — too few to call"
    for button, figure, pressed in [(SHIP, one, SHIP), (SKIP, one, SKIP), (UNDO, "—", None)]:
        page.locator(button).focus()
        page.keyboard.press("Enter")
        if pressed:
            expect(page.locator(pressed)).to_have_attribute("aria-pressed", "true")
        expect(page.locator(f"{COMMUNITY} .figure__value")).to_have_text(figure)
        assert_same_layout(before, card_layout(page, card))
    # Keyboard input counts as recent input for the browser's own metric, so the boxes above
    # are the measure; the observer must still report no shift worth the name.
    assert sum(page.evaluate("window.layoutShifts")) < 0.001
