"""Search in a real browser: live results with htmx, the plain form without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def demo_live(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


def test_typing_shows_highlighted_results_and_updates_the_address(page, demo_live):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(demo_live + "/search/")
    page.locator("#search-q").press_sequentially("mistral", delay=30)
    hits = page.locator(".hit")
    expect(hits.first).to_be_visible()
    expect(page.locator(".hit__title mark").first).to_have_text(re.compile("mistral", re.I))
    expect(page).to_have_url(re.compile(r"/search/\?q=mistral$"))
    assert problems == []


def test_header_search_works_without_javascript(browser, demo_live):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_live + "/")
        page.locator("#site-search-q").fill("Llama")
        page.locator("#site-search-q").press("Enter")
        expect(page).to_have_url(re.compile(r"/search/\?q=Llama"))
        expect(page.locator("#results-heading")).to_contain_text("for “Llama”")
        expect(page.locator(".hit").first).to_be_visible()
        expect(page.locator("mark").first).to_be_visible()
    finally:
        context.close()


def test_markup_in_a_query_is_shown_as_text_and_never_runs(page, demo_live):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(demo_live + "/search/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20mistral")
    expect(page.locator("#results-heading")).to_contain_text("<img src=x onerror=alert(1)>")
    page.locator("#search-q").press_sequentially(" <script>alert(2)</script>", delay=10)
    page.wait_for_timeout(600)
    assert dialogs == []
