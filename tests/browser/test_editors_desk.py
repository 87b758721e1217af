"""An editor, in a real browser: signs in, adds a reviewer with an avatar and a verdict in
Markdown, previews it, publishes it, and finds it on the comparison page with the panel figure
updated. The admin raises no CSP violation (or any other console error) along the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_COMPARE_URL
from tests.core.pictures import picture
from tests.desk.factories import PASSWORD, EditorFactory
from tests.tools.factories import ToolFactory
from tools.models import Tool
from verdicts.models import Reviewer, Verdict


@pytest.fixture
def desk(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url, EditorFactory(username="eddie")


@pytest.fixture
def reader_page(browser):
    """A second, signed-out browser: what readers see."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"{page.url}: {m.text}") if m.type in {"error", "warning"} else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    # (a request cut short because the test moved on to the next page is not a failure)
    page.on(
        "requestfailed",
        lambda r: (
            problems.append(f"failed: {r.url} {r.failure}")
            if r.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    return problems


def sign_in(page, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("Shipboard editors' desk")


def test_editor_adds_a_reviewer_and_a_verdict_previews_publishes_and_sees_it(
    desk, page, reader_page
):
    base, _editor = desk
    problems = watch_console(page)
    sign_in(page, base)

    # A reviewer with an avatar
    page.goto(base + "/admin/verdicts/reviewer/add/")
    page.locator("#id_name").press_sequentially("Ada Quill")
    expect(page.locator("#id_slug")).to_have_value("ada-quill")  # prepopulated by the admin's JS
    page.fill("#id_title", "The Operator")
    page.fill("#id_lens", "Judges what it costs to keep running at 3 a.m.")
    page.set_input_files(
        "#id_avatar",
        files=[{"name": "ada.png", "mimeType": "image/png", "buffer": picture("PNG", (300, 300))}],
    )
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    reviewer = Reviewer.objects.get(slug="ada-quill")
    assert reviewer.avatar.name == "avatars/ada.png"

    # A verdict in Markdown, previewed live and on demand, saved as a draft
    tool = Tool.objects.get(slug="code-llama-4")
    page.goto(base + f"/admin/verdicts/verdict/add/?tool={tool.pk}&reviewer={reviewer.pk}")
    page.select_option("#id_decision", "skip")
    page.fill(
        "#id_body",
        "**Too heavy** to run at 3 a.m. <script>alert(1)</script> [runbook](https://example.com/runbook)",
    )
    preview = page.locator(".markdown-preview__output")
    expect(preview.locator("strong")).to_have_text("Too heavy")  # live, through htmx
    expect(preview.locator("a")).to_have_attribute("href", "https://example.com/runbook")
    assert preview.locator("script").count() == 0
    page.fill(
        "#id_body",
        "**Too heavy** to run at 3 a.m. on one box. [Runbook](https://example.com/runbook)",
    )
    page.click(".markdown-preview__button")
    expect(preview).to_contain_text("on one box")
    expect(page.locator("#id_publication_0")).to_be_checked()  # a new verdict starts as a draft
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # Staff see the draft on the public page, marked; readers do not
    page.goto(base + DEMO_COMPARE_URL)
    expect(page.locator(".staff-preview")).to_be_visible()
    expect(page.locator(".quote__body strong", has_text="Too heavy")).to_be_visible()
    reader = reader_page
    reader_problems = watch_console(reader)
    reader.goto(base + DEMO_COMPARE_URL)
    expect(reader.locator(".quote__body")).to_have_count(8)
    expect(
        reader.locator(".tool-card").first.locator(".figure--panel .figure__value")
    ).to_have_text("100%")

    # Publish it
    verdict = Verdict.objects.get(reviewer=reviewer)
    page.goto(base + f"/admin/verdicts/verdict/{verdict.pk}/change/")
    page.check("#id_publication_1")  # Now (published)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # Readers now see it, with the panel figure updated: 4 of 5 reviewers ship Code Llama 4
    reader.goto(base + DEMO_COMPARE_URL)
    code_llama = reader.locator(".tool-card").first
    expect(code_llama.locator(".figure--panel .figure__value")).to_have_text("80%")
    expect(code_llama.locator(".figure--panel .figure__count")).to_have_text(
        "ship · 4 of 5 reviewers"
    )
    scorecard = reader.locator("#reviewer-ada-quill").locator("xpath=ancestor::article[1]")
    expect(scorecard.locator(".quote__body strong")).to_have_text("Too heavy")
    expect(scorecard.locator(".decision--skip")).to_be_visible()
    avatar = scorecard.locator("img.avatar")
    expect(avatar).to_have_attribute("src", re.compile(r"^/media/avatars/thumbs/ada-48\.png$"))
    assert avatar.evaluate("img => img.complete && img.naturalWidth") in (48, 96)
    expect(reader.locator(".staff-preview")).to_have_count(0)

    # The reviewer changes their mind: the page says so where it happened
    page.goto(base + f"/admin/verdicts/verdict/{verdict.pk}/change/")
    page.select_option("#id_decision", "ship")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#changes-group")).to_contain_text("Skip")
    reader.goto(base + DEMO_COMPARE_URL)
    expect(code_llama.locator(".figure--panel .figure__value")).to_have_text("100%")
    expect(scorecard.locator(".quote__history")).to_contain_text("Changed from skip to ship on")

    # Every admin page visited, and the public page, ran under the CSP without complaint
    assert problems == []
    assert reader_problems == []


def test_admin_pages_raise_no_csp_violation(desk, page):
    base, _editor = desk
    tool = Tool.objects.get(slug="code-llama-4")
    fresh = ToolFactory(slug="fresh", name="Fresh")  # no verdicts yet: the inline starts empty
    problems = watch_console(page)
    sign_in(page, base)
    for path in [
        "/admin/",
        "/admin/tools/tool/",
        f"/admin/tools/tool/{tool.pk}/change/",
        "/admin/tools/tool/add/",
        "/admin/verdicts/verdict/",
        "/admin/verdicts/verdict/add/",
        "/admin/verdicts/reviewer/",
        "/admin/comparisons/comparison/",
        "/admin/comparisons/comparison/add/",
        "/admin/verdicts/verdictchange/",
        "/admin/password_change/",
    ]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    # "Add another verdict" clones a row: its preview is wired up too
    page.goto(base + f"/admin/tools/tool/{fresh.pk}/change/")
    page.click("#verdicts-group .add-row a")
    row = page.locator("#verdicts-group .inline-related.dynamic-verdicts").first
    row.locator("textarea").fill("_added row_")
    expect(row.locator(".markdown-preview__output em")).to_have_text("added row")
    # Let the server finish the preview request before the test database is torn down.
    page.goto(base + "/admin/")
    page.wait_for_load_state("networkidle")
    assert problems == []
