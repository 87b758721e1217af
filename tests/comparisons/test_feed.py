from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_feed_lists_published_comparisons_and_verdicts(client, db):
    comparison = ComparisonFactory(title="Which to ship")
    VerdictFactory(
        reviewer=ReviewerFactory(name="Maya Chen", slug="maya"), tool=comparison.lineup_tools[0]
    )
    ComparisonFactory(title="Hidden draft", status=PublishStatus.DRAFT)
    VerdictFactory(published_at=timezone.now() + timedelta(days=2), body="future")
    entries = _entries(client)
    titles = [e["title"] for e in entries]
    assert any("Which to ship" in t for t in titles)
    assert any(t.startswith("Maya Chen (The Builder) on ") for t in titles)
    assert not any("Hidden draft" in t for t in titles)
    assert len(entries) == 2
    assert all(e["link"].startswith("http://testserver/") for e in entries)
    assert {e["id"].split("/")[0] for e in entries} == {
        "tag:shipboard,2025:comparison",
        "tag:shipboard,2025:verdict",
    }


def test_an_edited_verdict_moves_to_the_top_and_keeps_its_id(client, db):
    old = VerdictFactory(body="First take")
    VerdictFactory(body="Another")
    old_id = next(e["id"] for e in _entries(client) if e["id"].endswith(f"/{old.pk}"))
    old.body = "Second take"
    old.save()
    top = _entries(client)[0]
    assert top["id"] == old_id


def test_feed_titles_are_plain_text_escaped_once(client, db):
    VerdictFactory(tool__name="<b>Bold</b>")
    content = client.get("/feed/").content
    assert b"on &lt;b&gt;Bold&lt;/b&gt;: Ship</title>" in content
    assert b"&amp;lt;" not in content


def test_a_comparison_title_is_said_once_and_escaped_once(client, db):
    ComparisonFactory(title="Code Llama 4 (70B & 400B) vs Mistral 8B Instruct v3")
    titles = [e["title"] for e in _entries(client)]
    assert titles == ["Code Llama 4 (70B & 400B) vs Mistral 8B Instruct v3"]
    assert b"<title>Code Llama 4 (70B &amp; 400B) vs Mistral" in client.get("/feed/").content


def test_pages_link_the_feed(client, db):
    assert 'type="application/atom+xml"' in client.get("/").content.decode()
