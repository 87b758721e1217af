"""Sharing in a real browser: JSON-LD data blocks break no CSP, share images and badges load."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DEMO_COMPARE_URL


@pytest.fixture
def demo_live(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


@pytest.mark.parametrize(
    "path",
    [DEMO_COMPARE_URL, "/tools/code-llama-4/", "/", "/reviewers/", "/search/?q=ship"],
)
def test_pages_with_json_ld_raise_no_csp_error(page, demo_live, path):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"{message.type}: {message.text}"))
    page.on("requestfailed", lambda request: problems.append(request.url))
    page.goto(demo_live + path)
    page.wait_for_load_state("networkidle")
    assert problems == []


def test_json_ld_parses_in_the_browser(page, demo_live):
    page.goto(demo_live + DEMO_COMPARE_URL)
    text = page.locator('script[type="application/ld+json"]').text_content()
    data = json.loads(text)
    assert [node["@type"] for node in data["@graph"]] == [
        "WebPage",
        "SoftwareApplication",
        "SoftwareApplication",
    ]


def test_og_image_and_badges_load_as_images(page, demo_live):
    page.goto(demo_live + "/tools/code-llama-4/")
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    response = page.request.get(og_image)
    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    badge = page.locator("#badge img")
    badge.scroll_into_view_if_needed()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", badge.element_handle())
