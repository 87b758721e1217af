"""Every page carries a canonical link and Open Graph / Twitter card tags."""

from __future__ import annotations

import re

import pytest

from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("/", 200),
    ("/compare/alpha-vs-beta/", 200),
    ("/compare/alpha-vs-beta-vs-gamma/", 200),
    ("/tools/alpha/", 200),
    ("/tools/", 200),
    ("/comparisons/", 200),
    ("/categories/developer-tools/", 200),
    ("/reviewers/", 200),
    ("/reviewers/maya/", 200),
    ("/search/?q=alpha", 200),
    ("/compare/", 200),
    ("/compare/?go=1", 400),
    ("/compare/a-vs-b-vs-c-vs-d-vs-e/", 400),
    ("/no-such-page/", 404),
]


@pytest.fixture
def site(db):
    alpha, beta = ToolFactory(slug="alpha", name="Alpha"), ToolFactory(slug="beta", name="Beta")
    ToolFactory(slug="gamma")
    ComparisonFactory(tools=[alpha, beta])
    ReviewerFactory(slug="maya")


def _meta(html: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    assert match, f"no {prop}"
    return match.group(1)


@pytest.mark.parametrize(("url", "status"), PAGES)
def test_every_page_has_canonical_open_graph_and_twitter_tags(client, site, url, status):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert html.count('<link rel="canonical" href="http://testserver/') == 1
    assert _meta(html, "og:title")
    assert _meta(html, "og:description")
    assert _meta(html, "og:image").startswith("http://testserver/")
    assert _meta(html, "og:url").startswith("http://testserver/")
    assert _meta(html, "twitter:card") == "summary_large_image"


def test_comparison_tags_name_the_tools_and_figures(client, site):
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert _meta(html, "og:title") == "Alpha vs Beta: which one should you ship with?"
    assert "Alpha: panel no verdicts yet; community no votes yet" in _meta(html, "og:description")
    assert _meta(html, "og:type") == "article"
    assert (
        '<link rel="alternate" type="application/json" href="/compare/alpha-vs-beta.json">' in html
    )


def test_canonical_keeps_the_page_number_and_drops_tracking_parameters(client, db):
    ToolFactory.create_batch(30)
    html = client.get("/tools/?page=2&sort=name&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/tools/?sort=name&amp;page=2">' in html
    first = client.get("/tools/?page=1&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/tools/">' in first


def test_canonical_page_number_comes_from_the_page_not_the_raw_parameter(client, db):
    ToolFactory.create_batch(30)
    html = client.get("/tools/?page=999").content.decode()
    assert '<link rel="canonical" href="http://testserver/tools/?page=2">' in html


def test_tags_escape_editor_text(client, db):
    ToolFactory(slug="evil", name='Evil" onload="x', tagline="<b>bold</b>")
    html = client.get("/tools/evil/").content.decode()
    assert _meta(html, "og:title") == "Evil&quot; onload=&quot;x: should you ship with it?"
    assert _meta(html, "og:description") == "&lt;b&gt;bold&lt;/b&gt;"
