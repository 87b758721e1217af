from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests.tools.factories import PricingTierFactory, ToolFactory

pytestmark = pytest.mark.django_db


def test_tool_slug_cannot_contain_vs_because_urls_split_on_it():
    with pytest.raises(IntegrityError), transaction.atomic():
        ToolFactory(slug="this-vs-that")


def test_description_markdown_is_sanitised_on_save():
    tool = ToolFactory(description="Fast. <iframe src='https://evil.example'></iframe>")
    assert tool.description_html == "<p>Fast. </p>"


@pytest.mark.parametrize(
    ("price", "label"),
    [
        (None, "On request"),
        (Decimal("0"), "Free"),
        (Decimal("20"), "$20"),
        (Decimal("1250.5"), "$1,250.50"),
    ],
)
def test_pricing_tier_price_label(price, label):
    assert PricingTierFactory(price=price).price_label == label


@pytest.mark.parametrize(
    ("price", "unit", "shown"),
    [
        (Decimal("0"), "", "Free"),
        (Decimal("0"), "per user / month", "Free"),
        (Decimal("0"), "per month", "Free"),
        (Decimal("0"), "self-hosted", "Free, self-hosted"),
        (Decimal("20"), "per user / month", "$20 per user / month"),
        (Decimal("20"), "", "$20"),
        (None, "per seat", "On request"),
    ],
)
def test_a_zero_tier_reads_free_with_its_unit_only_where_it_says_something(price, unit, shown):
    assert PricingTierFactory(price=price, billing_unit=unit).price_with_unit == shown


def test_pricing_tier_price_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        PricingTierFactory(price=Decimal("-1"))


def test_tool_initials_for_logo_placeholder():
    assert ToolFactory(name="Code Llama 4 (70B & 400B)").initials == "CL"
