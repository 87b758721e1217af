"""Helpers for the accessibility, keyboard and weight browser tests: axe-core, demo data, votes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = ["light", "dark"]

DEMO_TOOL = "code-llama-4"
THIRD_TOOL = "pixel-pilot"
# Comparison URLs list their slugs alphabetically (comparisons.models.canonical_slugs).
THREE_TOOL_COMPARE_URL = f"/compare/code-llama-4-vs-mistral-8b-instruct-v3-vs-{THIRD_TOOL}/"


def read_axe_source() -> str:
    if not AXE.exists():
        reason = f"axe-core not installed at {AXE} (run `npm ci`; `make test` does when npm exists)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


# The issue asks for no serious or critical violation; the pages meet the stricter bar of none
# at all (moderate and minor included), and the tests hold them to it.
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


def axe_violations(page, axe_source: str, *, impacts=EVERY_IMPACT) -> list[str]:
    """axe-core's violations of the given impacts, one readable line each (empty when clean)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: tags})", AXE_RULE_SETS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def load_demo_with_a_third_tool() -> None:
    """The demo fixture, plus a third tool the panel split on, so a 3-tool board has every part:
    tiers, verdicts (a split), votes and links."""
    from django.core.management import call_command

    from tests.tools.factories import CategoryFactory, PricingTierFactory, ToolFactory
    from tests.verdicts.factories import VerdictFactory
    from verdicts.models import Decision, Reviewer
    from votes.models import VoteTally

    call_command("loaddata", "demo", verbosity=0)
    tool = ToolFactory(
        name="Pixel Pilot",
        slug=THIRD_TOOL,
        category=CategoryFactory(name="Developer Tools", slug="developer-tools"),
        tagline="An agent that turns screenshots into front-end code",
        description="Reads a **screenshot**, writes the components.",
        homepage_url="https://example.com/pixel-pilot",
        docs_url="https://example.com/pixel-pilot/docs",
        entry_price_label="$12/mo",
    )
    PricingTierFactory(tool=tool, name="Solo", price=12, position=0)
    PricingTierFactory(tool=tool, name="Team", price=40, position=1, notes="5 seats")
    for n, reviewer in enumerate(Reviewer.objects.order_by("display_order")):
        decision = Decision.SHIP if n % 2 else Decision.SKIP
        VerdictFactory(tool=tool, reviewer=reviewer, decision=decision)
    VoteTally.objects.create(tool=tool, ship_count=3, skip_count=5)


def tab_to(page, selector: str, *, limit: int = 200) -> None:
    """Press Tab until the element matching `selector` has the focus; fail if it never does."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{selector} never received the focus after {limit} presses of Tab")


FOURTH_TOOL = "vector-vault"
FOUR_TOOL_COMPARE_URL = (
    f"/compare/code-llama-4-vs-mistral-8b-instruct-v3-vs-{THIRD_TOOL}-vs-{FOURTH_TOOL}/"
)


def load_demo_with_four_tools() -> None:
    """The three-tool board plus a fourth tool with a long name, a $0 per-seat tier, one
    verdict only (a small panel sample, and "no verdict" from the rest) and many votes."""
    from tests.tools.factories import PricingTierFactory, ToolFactory
    from tests.verdicts.factories import VerdictFactory
    from tools.models import Category
    from verdicts.models import Decision, Reviewer
    from votes.models import VoteTally

    load_demo_with_a_third_tool()
    tool = ToolFactory(
        name="Vector Vault Enterprise Retrieval Cloud",
        slug=FOURTH_TOOL,
        category=Category.objects.get(slug="developer-tools"),
        tagline="Managed vector search with per-seat pricing and a free community tier",
        entry_price_label="Free",
    )
    PricingTierFactory(tool=tool, name="Community", price=0, billing_unit="per user / month",
                       position=0)  # fmt: skip
    PricingTierFactory(tool=tool, name="Team", price=29, billing_unit="per user / month",
                       position=1, notes="SSO and audit log")  # fmt: skip
    PricingTierFactory(tool=tool, name="Enterprise", price=None, position=2)
    reviewer = Reviewer.objects.order_by("display_order").first()
    VerdictFactory(tool=tool, reviewer=reviewer, decision=Decision.SKIP)
    VoteTally.objects.create(tool=tool, ship_count=746, skip_count=458)
