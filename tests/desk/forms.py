"""POST bodies for admin change forms, as the browser would send them."""

from __future__ import annotations

from django.utils import timezone

from core.editing import publication_choice


def tool_form(tool, *, verdicts=(), tiers=(), **fields) -> dict:
    """The tool change form with its two inlines; `verdicts` are dicts of inline fields."""
    data = {
        "name": tool.name, "slug": tool.slug, "category": tool.category_id,
        "vendor": tool.vendor, "tagline": tool.tagline, "description": tool.description,
        "license_name": tool.license_name, "entry_price_label": tool.entry_price_label,
        "pricing_tiers-TOTAL_FORMS": str(len(tiers)), "pricing_tiers-INITIAL_FORMS": "0",
        "price_changes-TOTAL_FORMS": "0", "price_changes-INITIAL_FORMS": "0",
        "verdicts-TOTAL_FORMS": str(len(verdicts)),
        "verdicts-INITIAL_FORMS": str(sum(1 for v in verdicts if v.get("id"))),
    }  # fmt: skip
    for index, row in enumerate(verdicts):
        for key, value in row.items():
            data[f"verdicts-{index}-{key}"] = value
    for index, row in enumerate(tiers):
        for key, value in row.items():
            data[f"pricing_tiers-{index}-{key}"] = value
    data.update(fields)
    return data


def publish_fields(when=None, prefix: str = "") -> dict:
    when = timezone.localtime(when or timezone.now())
    return {
        f"{prefix}published_at_0": when.strftime("%d/%m/%Y"),
        f"{prefix}published_at_1": when.strftime("%H:%M:%S"),
    }


def verdict_row(verdict=None, **fields) -> dict:
    row = {"publication": "now", "decision": "ship", "body": "Ships."}
    if verdict is not None:
        row.update(
            id=verdict.pk, tool=verdict.tool_id, reviewer=verdict.reviewer_id,
            decision=verdict.decision, body=verdict.body,
            publication=publication_choice(verdict),
        )  # fmt: skip
    row.update(fields)
    when = verdict.published_at if verdict is not None else None
    row.update(publish_fields(when, prefix=""))
    return row
