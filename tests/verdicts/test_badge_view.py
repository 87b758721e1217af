from __future__ import annotations

from xml.etree import ElementTree

import pytest

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from verdicts.badge import BADGE_CSP
from verdicts.models import Decision

pytestmark = pytest.mark.django_db


def test_badge_is_an_svg_naming_the_tool_with_its_panel_share_and_n(client, db):
    tool = ToolFactory(slug="alpha", name="Alpha")
    VerdictFactory.create_batch(3, tool=tool, decision=Decision.SHIP)
    VerdictFactory(tool=tool, decision=Decision.SKIP)
    VerdictFactory(tool=tool, decision=Decision.SKIP, status=PublishStatus.DRAFT)
    response = client.get("/tools/alpha/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = ElementTree.fromstring(response.content)
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["Alpha panel", "75% ship (3 of 4 reviewers)"]
    assert svg.get("aria-label") == "Alpha on Shipboard: panel 75% ship (3 of 4 reviewers)"


def test_badge_below_the_minimum_gives_the_count_in_words_not_a_percentage(client, db):
    VerdictFactory(tool=ToolFactory(slug="alpha", name="Alpha"), decision=Decision.SHIP)
    svg = ElementTree.fromstring(client.get("/tools/alpha/badge.svg").content)
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["Alpha panel", "1 of 1 reviewer: ship"]


def test_badge_headers_cache_and_lock_it_down(client, db):
    ToolFactory(slug="alpha")
    response = client.get("/tools/alpha/badge.svg")
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == BADGE_CSP
    assert response["ETag"]
    again = client.get("/tools/alpha/badge.svg", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_badge_escapes_the_tool_name(client, db):
    ToolFactory(slug="evil", name='<script>alert(1)</script>" onload="x')
    body = client.get("/tools/evil/badge.svg").content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x" in body
    ElementTree.fromstring(body)  # still well-formed XML


def test_badge_without_verdicts_says_so(client, db):
    ToolFactory(slug="new")
    assert "no verdicts" in client.get("/tools/new/badge.svg").content.decode()


def test_unknown_tool_badge_is_404(client, db):
    response = client.get("/tools/nope/badge.svg")
    assert response.status_code == 404
    assert response["X-Content-Type-Options"] == "nosniff"
