"""Prices carry a last-checked date; a changed price is kept as dated history."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string

from tests.desk.forms import tool_form
from tests.tools.factories import PricingTierFactory
from tools.models import PriceChange
from tools.services import save_pricing_tier

pytestmark = pytest.mark.django_db


def test_a_new_price_is_recorded_with_the_day_it_was_checked():
    tier = PricingTierFactory(price=20)
    tier.price, tier.last_checked = 25, datetime.date(2026, 11, 1)
    change = save_pricing_tier(tier=tier)
    assert (change.old_label, change.new_label, change.changed_on) == (
        "$20", "$25", datetime.date(2026, 11, 1),
    )  # fmt: skip
    assert list(PriceChange.objects.for_tool(tier.tool)) == [change]


def test_an_unchanged_price_and_a_first_price_are_not_history():
    tier = PricingTierFactory.build(price=10, tool=PricingTierFactory().tool)
    assert save_pricing_tier(tier=tier) is None
    tier.notes = "Now with more"
    assert save_pricing_tier(tier=tier) is None
    assert not PriceChange.objects.exists()


def test_the_tool_page_in_the_admin_records_price_changes(editor_client):
    tier = PricingTierFactory(price=20)
    tool = tier.tool
    row = {"id": tier.pk, "tool": tool.pk, "name": tier.name, "price": "30", "currency": "USD",
           "billing_unit": "per month", "position": "0", "last_checked": "2026-11-02"}  # fmt: skip
    data = tool_form(tool, tiers=[row])
    data["pricing_tiers-INITIAL_FORMS"] = "1"
    response = editor_client.post(f"/admin/tools/tool/{tool.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = PriceChange.objects.get()
    assert (change.old_price, change.new_price) == (20, 30)


def test_prices_show_when_they_were_checked_and_the_history():
    tier = PricingTierFactory(price=20, last_checked=datetime.date(2026, 11, 2))
    assert 'checked <time datetime="2026-11-02">2 Nov 2026</time>' in render_to_string(
        "tools/_price_checked.html", {"tier": tier}
    )
    tier.price = 30
    save_pricing_tier(tier=tier)
    html = render_to_string(
        "tools/_price_history.html", {"price_changes": list(PriceChange.objects.all())}
    )
    assert "Price history (1 change)" in html and "<del>$20</del> → <ins>$30</ins>" in html
