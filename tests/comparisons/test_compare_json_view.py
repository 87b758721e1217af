from __future__ import annotations

import pytest

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.conftest import DEMO_COMPARE_URL
from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.factories import VoteTallyFactory
from verdicts.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    alpha, beta = ToolFactory(slug="alpha", name="Alpha"), ToolFactory(slug="beta", name="Beta")
    PricingTierFactory(tool=alpha, name="Pro", price=20)
    VerdictFactory(tool=alpha, decision=Decision.SHIP, body="Ships **fast**.")
    VerdictFactory(tool=beta, decision=Decision.SKIP)
    VerdictFactory(tool=beta, decision=Decision.SHIP, status=PublishStatus.DRAFT)
    VoteTallyFactory(tool=beta, ship_count=3, skip_count=1)
    ComparisonFactory(tools=[alpha, beta], summary="Pick **Alpha**.")
    return alpha, beta


def test_json_has_tools_verdicts_figures_and_dates(client, pair):
    response = client.get("/compare/alpha-vs-beta.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["url"] == "http://testserver/compare/alpha-vs-beta/"
    alpha, beta = data["tools"]
    assert alpha["slug"] == "alpha" and beta["slug"] == "beta"
    # Below the minimums: the counts, but no share and no interval (core/figures.py).
    assert alpha["panel"] == {
        "ship": 1,
        "ship_count": 1,
        "total": 1,
        "minimum": 3,
        "enough_to_call": False,
        "ship_percent": None,
        "interval_95": None,
    }
    assert beta["community"]["total"] == 4 and beta["community"]["ship_percent"] is None
    assert alpha["pricing_tiers"][0]["price"] == "20.00"
    assert "updated_at" in alpha
    # Published verdicts only: the draft ship on beta is not there.
    assert sorted((v["tool"], v["decision"]) for v in data["verdicts"]) == [
        ("alpha", "ship"),
        ("beta", "skip"),
    ]
    ship = next(v for v in data["verdicts"] if v["tool"] == "alpha")
    assert ship["text"] == "Ships fast."
    assert ship["published_at"] and ship["updated_at"]
    assert data["comparison"]["summary"] == "Pick Alpha."
    assert data["comparison"]["published_at"]


def test_json_gives_the_share_and_its_interval_at_the_minimum(client, pair, settings):
    settings.COMMUNITY_MINIMUM_VOTES = 4
    community = client.get("/compare/alpha-vs-beta.json").json()["tools"][1]["community"]
    assert community["ship_percent"] == 75 and community["enough_to_call"]
    assert community["interval_95"] == {"low": 0.3006, "high": 0.9544, "method": "wilson"}


def test_json_is_cacheable_and_readable_from_other_sites(client, pair):
    response = client.get("/compare/alpha-vs-beta.json")
    assert "max-age=300" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_json_order_unknown_and_too_many_follow_the_page_rules(client, pair):
    response = client.get("/compare/beta-vs-alpha.json")
    assert response.status_code == 301
    assert response["Location"] == "/compare/alpha-vs-beta.json"
    missing = client.get("/compare/alpha-vs-nope.json")
    assert missing.status_code == 404
    assert missing.json() == {"error": "No tool called nope."}
    too_many = client.get("/compare/a-vs-b-vs-c-vs-d-vs-e.json")
    assert too_many.status_code == 400
    assert "at most 4" in too_many.json()["error"]


def test_json_for_three_tools_has_no_editorial(client, pair):
    ToolFactory(slug="gamma")
    data = client.get("/compare/alpha-vs-beta-vs-gamma.json").json()
    assert [t["slug"] for t in data["tools"]] == ["alpha", "beta", "gamma"]
    assert data["comparison"] is None


def test_json_is_read_only(client, pair):
    assert client.post("/compare/alpha-vs-beta.json").status_code == 405


def test_demo_json(client, demo_data):
    data = client.get(DEMO_COMPARE_URL.rstrip("/") + ".json").json()
    assert len(data["verdicts"]) == 8
    assert all(t["panel"]["ship_percent"] == 100 for t in data["tools"])
