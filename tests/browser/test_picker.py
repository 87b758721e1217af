"""The compare picker in a real browser: htmx autocomplete with JavaScript, plain GET without."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_COMPARE_URL


@pytest.fixture
def demo_live(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_with_javascript_typing_suggests_tools_and_compare_lands_on_the_canonical_url(
    page, demo_live
):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(demo_live + "/")
    picker = page.locator("#picker")
    picker.locator("#picker-q").press_sequentially("mistr", delay=30)
    add_mistral = picker.get_by_role("button", name=re.compile("Add Mistral 8B Instruct v3"))
    expect(add_mistral).to_be_visible()
    assert page.url == demo_live + "/"  # suggestions arrived without leaving the page
    add_mistral.click()
    expect(picker.locator(".chip")).to_have_count(1)
    expect(page.locator("#picker-q")).to_be_focused()
    page.locator("#picker-q").press_sequentially("llama", delay=30)
    page.locator("#picker").get_by_role("button", name=re.compile("Add Code Llama 4")).click()
    expect(page.locator("#picker .chip")).to_have_count(2)
    assert page.url == demo_live + "/"
    page.locator("#picker").get_by_role("button", name="Compare 2 tools").click()
    expect(page).to_have_url(demo_live + DEMO_COMPARE_URL)
    expect(page.locator(".tool-card")).to_have_count(2)
    assert problems == []


def test_with_javascript_compare_with_one_tool_explains_in_place(page, demo_live):
    page.goto(demo_live + "/tools/mistral-8b-instruct-v3/")
    page.locator("#picker").get_by_role("button", name="Compare").click()
    expect(page.locator("#picker .picker__error")).to_contain_text(
        "Pick at least two tools to compare; you have picked one tool."
    )
    expect(page).to_have_url(demo_live + "/tools/mistral-8b-instruct-v3/")


def test_without_javascript_the_same_form_works_page_by_page(no_js_page, demo_live):
    page = no_js_page
    page.goto(demo_live + "/")
    page.locator("#picker-q").fill("mistr")
    page.locator("#picker").get_by_role("button", name="Find").click()
    expect(page).to_have_url(re.compile(r"/compare/\?.*q=mistr"))
    page.get_by_role("button", name=re.compile("Add Mistral 8B Instruct v3")).click()
    expect(page.locator("#picker .chip")).to_have_count(1)
    page.locator("#picker-q").fill("llama")
    page.locator("#picker-q").press("Enter")  # Enter means Find, not Remove
    expect(page.locator("#picker .chip")).to_have_count(1)
    page.get_by_role("button", name=re.compile("Add Code Llama 4")).click()
    expect(page.locator("#picker .chip")).to_have_count(2)
    page.get_by_role("button", name="Compare 2 tools").click()
    expect(page).to_have_url(demo_live + DEMO_COMPARE_URL)
    expect(page.locator("h1")).to_contain_text("Mistral 8B Instruct v3")


def test_without_javascript_an_invalid_pick_gets_a_page_that_says_why(no_js_page, demo_live):
    page = no_js_page
    response = page.goto(demo_live + "/tools/code-llama-4/")
    assert response.status == 200
    with page.expect_navigation() as navigation:
        page.locator("#picker").get_by_role("button", name="Compare").click()
    assert navigation.value.status == 400
    expect(page.locator(".picker__error")).to_contain_text("you have picked one tool")
    page.locator("#picker").get_by_role("button", name="Remove Code Llama 4 (70B & 400B)").click()
    expect(page.locator("#picker .chip")).to_have_count(0)


def test_with_javascript_removing_a_pick_swaps_the_picker_in_place(page, demo_live):
    """A control named "remove" once shadowed form.remove() and broke htmx's swap."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(demo_live + "/tools/code-llama-4/")
    page.locator("#picker-q").press_sequentially("mistr", delay=30)
    page.locator("#picker").get_by_role("button", name=re.compile("Add Mistral")).click()
    expect(page.locator("#picker .chip")).to_have_count(2)
    page.get_by_role("button", name="Remove Code Llama 4 (70B & 400B)").click()
    expect(page.locator("#picker .chip")).to_have_count(1)
    expect(page.locator("form.picker")).to_have_count(1)
    assert page.url == demo_live + "/tools/code-llama-4/"
    assert problems == []
