"""axe-core (from the npm registry) finds no violation (serious, critical, or any other) on the
public pages, at phone and desktop widths, in light and dark schemes, and after an htmx vote
swaps a panel in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import (
    DEMO_TOOL,
    FOUR_TOOL_COMPARE_URL,
    SCHEMES,
    THREE_TOOL_COMPARE_URL,
    WIDTHS,
    axe_violations,
    load_demo_with_four_tools,
    read_axe_source,
)
from tests.conftest import DEMO_COMPARE_URL

PAGES = {
    "home": "/",
    "compare-2": DEMO_COMPARE_URL,
    "compare-3": THREE_TOOL_COMPARE_URL,
    "compare-4": FOUR_TOOL_COMPARE_URL,
    "methodology": "/methodology/",
    "tool": f"/tools/{DEMO_TOOL}/",
    "reviewers": "/reviewers/",
    "reviewer": "/reviewers/maya-chen/",
    "category": "/categories/developer-tools/",
    "search": "/search/?q=license",
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    return read_axe_source()


@pytest.fixture
def site(transactional_db, live_server):
    load_demo_with_four_tools()
    return live_server.url


@pytest.fixture
def open_page(browser):
    """A page in a fresh context with the given width and colour scheme. bypass_csp lets axe's
    own script run; the pages' CSP is tested elsewhere."""
    contexts = []

    def open_(url: str, *, width: int, scheme: str):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, bypass_csp=True, color_scheme=scheme
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violation(site, open_page, axe_source, path, width, scheme):
    page = open_page(site + path, width=width, scheme=scheme)
    assert axe_violations(page, axe_source) == []


def test_search_page_under_test_has_results(site, open_page):
    """The search page is checked with hits on it, not only its empty state."""
    page = open_page(site + PAGES["search"], width=1280, scheme="light")
    expect(page.locator(".hit").first).to_be_visible()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_vote_panel_swapped_in_by_htmx_has_no_axe_violation(
    site, open_page, axe_source, width, scheme
):
    page = open_page(site + DEMO_COMPARE_URL, width=width, scheme=scheme)
    page.locator(f"#vote-{DEMO_TOOL}-ship").click()
    expect(page.locator(f"#vote-{DEMO_TOOL}-ship")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#vote-{DEMO_TOOL}-undo")).to_be_visible()
    assert axe_violations(page, axe_source) == []
    # The skip state too: a pressed skip button with its own colours.
    page.locator(f"#vote-{DEMO_TOOL}-skip").click()
    expect(page.locator(f"#vote-{DEMO_TOOL}-skip")).to_have_attribute("aria-pressed", "true")
    assert axe_violations(page, axe_source) == []
