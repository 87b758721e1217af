"""JSON-LD on tool and comparison pages: schema.org types and properties, json_script escaping."""

from __future__ import annotations

import json
import re

import pytest

from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Decision

pytestmark = pytest.mark.django_db

# Each type used, with the schema.org properties it may carry (its own and those it inherits
# from CreativeWork / Thing / Intangible), as listed at schema.org/<Type>.
SCHEMA_PROPERTIES = {
    "WebPage": {"@id", "url", "name", "about", "isPartOf", "description", "datePublished",
                "dateModified"},
    "WebSite": {"name", "url"},
    "SoftwareApplication": {"@id", "name", "url", "description", "applicationCategory",
                            "applicationSubCategory", "publisher", "sameAs", "downloadUrl",
                            "image", "offers", "review", "aggregateRating"},
    "Organization": {"name"},
    "Offer": {"name", "price", "priceCurrency", "description"},
    "Review": {"name", "author", "reviewRating", "reviewBody", "datePublished"},
    "Person": {"name", "jobTitle", "url"},
    "Rating": {"ratingValue", "bestRating", "worstRating"},
    "AggregateRating": {"ratingValue", "bestRating", "worstRating", "reviewCount"},
}  # fmt: skip


def _json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _check_node(node: dict) -> None:
    kind = node.get("@type")
    if kind is None:
        assert set(node) == {"@id"}, node  # a reference to a node described elsewhere
        return
    assert kind in SCHEMA_PROPERTIES, kind
    unknown = set(node) - SCHEMA_PROPERTIES[kind] - {"@type", "@context"}
    assert not unknown, f"{kind} has no properties {unknown}"
    for value in node.values():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                _check_node(child)


@pytest.fixture
def reviewed_pair(db):
    alpha = ToolFactory(slug="alpha", name="Alpha", vendor="Acme", homepage_url="https://a.test")
    beta = ToolFactory(slug="beta", name="Beta")
    PricingTierFactory(tool=alpha, name="Pro", price=20, billing_unit="per month")
    PricingTierFactory(tool=alpha, name="Enterprise", price=None)
    maya = ReviewerFactory(name="Maya Chen", slug="maya-chen", title="The Builder")
    VerdictFactory(tool=alpha, reviewer=maya, decision=Decision.SHIP, body="Ships **fast**.")
    VerdictFactory(tool=alpha, decision=Decision.SKIP)
    VerdictFactory(tool=beta, reviewer=maya, decision=Decision.SKIP)
    ComparisonFactory(tools=[alpha, beta], summary="Pick **Alpha**.")
    return alpha, beta


def test_tool_page_describes_the_tool_and_its_reviews(client, reviewed_pair):
    data = _json_ld(client.get("/tools/alpha/").content.decode())
    assert data["@context"] == "https://schema.org"
    _check_node(data)
    assert data["@type"] == "SoftwareApplication"
    assert data["name"] == "Alpha"
    assert data["url"] == "http://testserver/tools/alpha/"
    assert data["publisher"] == {"@type": "Organization", "name": "Acme"}
    assert data["offers"] == [
        {"@type": "Offer", "name": "Pro", "price": "20.00", "priceCurrency": "USD",
         "description": "per month"}
    ]  # fmt: skip
    assert len(data["review"]) == 2
    maya = next(r for r in data["review"] if r["author"]["name"] == "Maya Chen")
    assert maya["reviewRating"] == {
        "@type": "Rating", "ratingValue": 1, "bestRating": 1, "worstRating": 0
    }  # fmt: skip
    assert maya["reviewBody"] == "Ships fast."
    assert maya["author"]["url"] == "http://testserver/reviewers/maya-chen/"
    assert "aggregateRating" not in data  # two verdicts: below the panel minimum of three


def test_the_rating_appears_once_the_panel_reaches_its_minimum(client, reviewed_pair):
    VerdictFactory(tool=reviewed_pair[0], decision=Decision.SHIP)
    data = _json_ld(client.get("/tools/alpha/").content.decode())
    assert data["aggregateRating"]["ratingValue"] == 0.67
    assert data["aggregateRating"]["reviewCount"] == 3


def test_comparison_page_describes_every_tool_with_its_own_reviews(client, reviewed_pair):
    data = _json_ld(client.get("/compare/alpha-vs-beta/").content.decode())
    assert set(data) == {"@context", "@graph"}
    for node in data["@graph"]:
        _check_node(node)
    page, *apps = data["@graph"]
    _check_node(page)
    assert page["@type"] == "WebPage"
    assert page["description"] == "Pick Alpha."
    assert [app["name"] for app in apps] == ["Alpha", "Beta"]
    assert page["about"] == [{"@id": app["@id"]} for app in apps]
    assert len(apps[0]["review"]) == 2 and len(apps[1]["review"]) == 1
    assert apps[1]["review"][0]["reviewRating"]["ratingValue"] == 0


def test_a_tool_without_verdicts_has_no_reviews_or_rating(client, db):
    ToolFactory(slug="lonely")
    data = _json_ld(client.get("/tools/lonely/").content.decode())
    assert "review" not in data and "aggregateRating" not in data


def test_names_cannot_break_out_of_the_json_ld_block(client, db):
    name = '</script><script>alert("x")</script> & <!--'
    ToolFactory(slug="evil", name=name)
    html = client.get("/tools/evil/").content.decode()
    head = html.split("</head>")[0]
    assert "<script>alert" not in head
    assert "\\u003C/script\\u003E" in head
    assert _json_ld(html)["name"] == name


def test_json_ld_is_a_data_block_not_a_script(client, reviewed_pair):
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert html.count('<script type="application/ld+json">') == 1
    assert '<script type="application/json"' not in html
