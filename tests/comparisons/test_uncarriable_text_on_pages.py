"""Editor text holding characters XML and HTML cannot carry breaks no page and no feed.

A control character in a verdict made /feed/ answer 500 for everyone. Every public page that
shows editor text, and the feed, is fetched with such text in every field it shows.
"""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from core.text import has_uncarriable
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import CategoryFactory, PricingTierFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db

ODD = "\x01\x02\x03\x0b\x0c\x1f\ufffe\ufdd0"  # raw, as pasted from elsewhere
REFERENCES = "&#1; &#x0B; &#xFFFE;"  # written as Markdown character references


@pytest.fixture
def odd_site():
    category = CategoryFactory(name=f"Odd{ODD} category", slug="odd")
    tools = [
        ToolFactory(
            slug=slug,
            name=f"{slug.title()}{ODD}",
            tagline=f"tag{ODD}line",
            vendor=f"Vendor{ODD}",
            description=f"**desc** {ODD} {REFERENCES} \x02wzxhzdk:0\x03",
            category=category,
        )
        for slug in ("alpha", "beta")
    ]
    PricingTierFactory(tool=tools[0], name=f"Pro{ODD}", notes=f"notes{ODD}")
    reviewer = ReviewerFactory(
        slug="odd-reviewer", name=f"Re{ODD}viewer", title=f"The{ODD}", lens=f"L{ODD}", bio=ODD
    )
    for tool in tools:
        VerdictFactory(tool=tool, reviewer=reviewer, body=f"Body {ODD} {REFERENCES}")
    ComparisonFactory(
        tools=tools,
        ship_if=[f"Ship{ODD} it", ""],
        title=f"Ti{ODD}tle",
        summary=f"Sum {ODD} {REFERENCES}",
    )


PAGES = [
    "/",
    "/compare/alpha-vs-beta/",
    "/compare/alpha-vs-beta.json",
    "/tools/",
    "/tools/alpha/",
    "/tools/alpha/badge.svg",
    "/comparisons/",
    "/categories/odd/",
    "/reviewers/",
    "/reviewers/odd-reviewer/",
    "/search/?q=alpha",
    "/sitemap.xml",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_shows_such_text_without_the_characters(client, odd_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not has_uncarriable(response.content.decode())


def test_the_feed_answers_and_is_well_formed_xml(client, odd_site):
    response = client.get("/feed/")
    assert response.status_code == 200
    body = response.content.decode()
    assert not has_uncarriable(body)
    root = ElementTree.fromstring(response.content)
    assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) == 3
