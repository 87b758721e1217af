from __future__ import annotations

from xml.etree import ElementTree

import pytest

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {url.findtext(f"{NS}loc") for url in root.findall(f"{NS}url")}


def test_sitemap_lists_every_public_page(client, db):
    comparison = ComparisonFactory()
    ToolFactory(slug="solo")
    ReviewerFactory(slug="maya")
    locations = _locations(client)
    base = "http://testserver"
    expected = {
        f"{base}/",
        f"{base}/comparisons/",
        f"{base}/tools/",
        f"{base}/reviewers/",
        f"{base}/compare/",
        f"{base}{comparison.get_absolute_url()}",
        f"{base}/tools/solo/",
        f"{base}/tools/{comparison.lineup_tools[0].slug}/",
        f"{base}/categories/developer-tools/",
        f"{base}/reviewers/maya/",
    }
    assert expected <= locations


def test_sitemap_leaves_out_drafts(client, db):
    draft = ComparisonFactory(status=PublishStatus.DRAFT)
    assert f"http://testserver{draft.get_absolute_url()}" not in _locations(client)


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "User-agent: *" in body
