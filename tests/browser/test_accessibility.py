"""axe-core (from the npm registry) finds no serious or critical violation on the public pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import DEMO_COMPARE_URL

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    DEMO_COMPARE_URL,
    "/tools/code-llama-4/",
]
WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        reason = f"axe-core not installed at {AXE} (run `npm ci`; `make test` does when npm exists)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def demo_live(transactional_db, live_server):
    from django.core.management import call_command

    call_command("loaddata", "demo", verbosity=0)
    return live_server.url


def serious_violations(page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    rule_sets = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    result = page.evaluate("(tags) => axe.run(document, {runOnly: tags})", rule_sets)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_axe_violation(browser, demo_live, axe_source, path, width, scheme):
    # bypass_csp lets axe's own script run; the pages' CSP is tested elsewhere.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, color_scheme=scheme
    )
    page = context.new_page()
    try:
        page.goto(demo_live + path)
        assert serious_violations(page, axe_source) == []
    finally:
        context.close()
