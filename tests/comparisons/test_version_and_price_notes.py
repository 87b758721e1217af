"""Public pages say when a verdict judged an older version, when prices were last checked, and
how a tool's prices changed."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import VerdictFactory
from tools.services import save_pricing_tier

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    alpha = ToolFactory(slug="alpha", name="Alpha", current_version="v3")
    beta = ToolFactory(slug="beta", name="Beta")
    VerdictFactory(tool=alpha, body="Alpha earns it.")
    return alpha, beta


def test_a_verdict_on_an_older_version_says_so_at_once(pair):
    alpha, _ = pair
    reader = Client()
    assert "may be out of date" not in reader.get("/compare/alpha-vs-beta/").content.decode()
    alpha.current_version = "v4"
    alpha.save()
    html = reader.get("/compare/alpha-vs-beta/").content.decode()
    assert "Reviewed on v3 — may be out of date" in html
    assert "Reviewed on v3 — may be out of date" in reader.get("/tools/alpha/").content.decode()


def test_prices_show_their_check_date_and_history_on_the_tool_page(pair):
    alpha, _ = pair
    tier = PricingTierFactory(tool=alpha, price=20, last_checked=datetime.date(2026, 11, 2))
    tier.price, tier.last_checked = 25, datetime.date(2026, 11, 20)
    save_pricing_tier(tier=tier)
    html = Client().get("/tools/alpha/").content.decode()
    assert 'checked <time datetime="2026-11-20">20 Nov 2026</time>' in html
    assert "Price history (1 change)" in html and "<del>$20</del> → <ins>$25</ins>" in html
    assert "checked" in Client().get("/compare/alpha-vs-beta/").content.decode()
