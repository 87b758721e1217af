"""Writes to tools that span models: a tool and a new category; a pricing tier and its dated
price history."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from tools.models import Category, PriceChange, PricingTier, Tool


def save_tool(*, tool: Tool, new_category: str = "") -> Tool:
    """Save `tool`, first creating (or finding, by name) the category `new_category` names."""
    with transaction.atomic():
        if new_category:
            tool.category = Category.objects.filter(
                name__iexact=new_category
            ).first() or Category.objects.create(name=new_category, slug=slugify(new_category))
        tool.save()
        return tool


def save_pricing_tier(*, tier: PricingTier) -> PriceChange | None:
    """Save `tier`; if its price changed, keep the old and new price as dated history.

    The date is the tier's "last checked" day when the editor gave one (that is when the new
    price was seen), else today. A tier that is new has no history yet: its first price is not
    a change. The save moves the page-cache stamps (comparisons.signals) in this transaction.
    """
    with transaction.atomic():
        before = None
        if tier.pk is not None:
            before = (
                PricingTier.objects.select_for_update()
                .filter(pk=tier.pk)
                .values("price", "currency")
                .first()
            )
        if before is not None and tier.last_checked is None and before["price"] != tier.price:
            tier.last_checked = timezone.localdate()
        tier.save()
        if before is None or (before["price"], before["currency"]) == (tier.price, tier.currency):
            return None
        return PriceChange.objects.create(
            tool_id=tier.tool_id,
            tier_name=tier.name,
            old_price=before["price"],
            new_price=tier.price,
            currency=tier.currency,
            billing_unit=tier.billing_unit,
            changed_on=tier.last_checked or timezone.localdate(),
        )
