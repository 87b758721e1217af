"""An editor enters the seed comparison from an empty database in at most six screens: two
tools (a new category typed in place), then the new-comparison page with the title suggested,
each tool's "ship it if…" line and the panel grid taking four new reviewers and eight verdicts,
all saved together. Readers then see it on the comparison page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from comparisons.models import Comparison
from tests.browser.seed_entry import (
    CATEGORY,
    COMPARISON,
    REVIEWERS,
    TIERS,
    TOOLS,
    VERDICTS,
    ScreenCounter,
)
from tests.browser.test_editors_desk import sign_in, watch_console
from tests.conftest import DEMO_COMPARE_URL
from tests.desk.factories import EditorFactory
from verdicts.models import Verdict

MAX_SCREENS = 6


@pytest.fixture
def empty_desk(transactional_db, live_server):
    EditorFactory(username="eddie")
    return live_server.url


def fill_tool(page, tool: dict, *, new_category: bool) -> None:
    page.fill("#id_name", tool["name"])
    page.locator("#id_name").blur()  # the admin's slug prefill runs, then the seed's slug wins
    page.fill("#id_slug", tool["slug"])
    if new_category:
        page.fill("#id_new_category", CATEGORY["name"])
    else:
        page.select_option("#id_category", label=CATEGORY["name"])
    for field in ["vendor", "tagline", "description", "license_name", "entry_price_label"]:
        page.fill(f"#id_{field}", tool[field])
    tier = TIERS[tool["pk"]]
    for field in ["name", "price", "billing_unit", "notes"]:
        page.fill(f"#id_pricing_tiers-0-{field}", tier[field])


def test_the_seed_comparison_takes_at_most_six_screens(empty_desk, page, browser):
    base = empty_desk
    problems = watch_console(page)
    sign_in(page, base)
    screens = ScreenCounter(page)

    # Screens 1-3: the two tools (the category typed in with the first), then the tool list
    page.goto(base + "/admin/tools/tool/add/")
    fill_tool(page, TOOLS[0], new_category=True)
    page.click("input[name=_addanother]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    fill_tool(page, TOOLS[1], new_category=False)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # Screen 4: both tools picked in the list, "Start a comparison"
    page.check("#result_list tbody input.action-select >> nth=0")
    page.check("#result_list tbody input.action-select >> nth=1")
    page.select_option("select[name=action]", "compare_selected")
    page.click("button[name=index]")
    expect(page.locator("#id_title")).to_have_value(" vs ".join(t["name"] for t in TOOLS))
    expect(page.locator(".panel-grid__new")).to_have_count(4)  # an empty panel: four new rows

    # Screen 4 filled in: comparison, ship-it-if lines, four reviewers and eight verdicts
    page.fill("#id_title", COMPARISON["title"])
    page.fill("#id_summary", COMPARISON["summary"])
    for tool in TOOLS:
        page.fill(f"input[name^=ship_if_] >> nth={TOOLS.index(tool)}", f"Ship {tool['name']} if…")
    tool_ids = page.eval_on_selector_all(
        ".panel-grid input[name=tool]", "inputs => inputs.map(i => i.value)"
    )
    for index, reviewer in enumerate(REVIEWERS):
        for field in ["name", "title", "lens"]:
            page.fill(f"#id_new-{index}-{field}", reviewer[field])
        for tool, tool_id in zip(TOOLS, tool_ids, strict=True):
            verdict = next(
                v for v in VERDICTS if v["tool"] == tool["pk"] and v["reviewer"] == reviewer["pk"]
            )
            page.select_option(f"#id_new-{index}-{tool_id}-decision", verdict["decision"])
            page.fill(f"#id_new-{index}-{tool_id}-body", verdict["body"])
    page.check("input[name=publication][value=now]")
    page.click(".new-comparison input[type=submit]")

    # Screen 5: the comparison's page, saved with its panel
    expect(page.locator(".messagelist")).to_contain_text("published, with 8 new verdicts")
    assert screens.count <= MAX_SCREENS, screens.urls
    assert Verdict.objects.published().count() == 8
    assert Comparison.objects.published().get().title == COMPARISON["title"]

    reader = browser.new_page(viewport={"width": 1280, "height": 900})
    reader.goto(base + DEMO_COMPARE_URL)
    expect(reader.locator(".quote__body")).to_have_count(8)
    reader.close()
    assert problems == []
    print(f"Seed comparison entered in {screens.count} screens: {screens.urls}")
