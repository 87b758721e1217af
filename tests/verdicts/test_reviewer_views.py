from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya(db):
    maya = ReviewerFactory(
        name="Maya Chen",
        slug="maya-chen",
        title="The Builder",
        lens="Judges the primitive.",
        bio="Ten years of shipping.\n\n<script>alert(1)</script>",
    )
    VerdictFactory(reviewer=maya, tool=ToolFactory(name="Alpha"), decision=Decision.SHIP)
    VerdictFactory(reviewer=maya, tool=ToolFactory(name="Beta"), decision=Decision.SHIP)
    VerdictFactory(reviewer=maya, tool=ToolFactory(name="Gamma"), decision=Decision.SKIP)
    VerdictFactory(
        reviewer=maya, tool=ToolFactory(name="Drafty"), status=PublishStatus.DRAFT, body="Secret"
    )
    VerdictFactory(
        reviewer=maya,
        tool=ToolFactory(name="Later"),
        published_at=timezone.now() + timedelta(days=1),
        body="Not yet",
    )
    return maya


def test_reviewer_list_shows_persona_lens_and_track_record(client, maya):
    html = client.get("/reviewers/").content.decode()
    assert 'href="/reviewers/maya-chen/"' in html
    assert "The Builder" in html and "Judges the primitive." in html
    assert "<dt>Tools reviewed</dt><dd>3</dd>" in html
    assert "67%" in html and "2 of 3 verdicts" in html


def test_reviewer_list_is_paginated_in_panel_order(client, db):
    ReviewerFactory.create_batch(30)
    html = client.get("/reviewers/").content.decode()
    assert html.count('class="reviewer-card"') == 24
    assert '<link rel="next" href="/reviewers/?page=2">' in html
    assert html.index("Reviewer ") < html.index('class="pager"')


def test_reviewer_page_shows_bio_escaped_and_every_published_verdict(client, maya):
    html = client.get("/reviewers/maya-chen/").content.decode()
    assert '<h1 class="persona__name">Maya Chen' in html
    assert "<p>Ten years of shipping.</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for name in ("Alpha", "Beta", "Gamma"):
        assert f"<strong>{name}</strong>" in html
    assert "Secret" not in html and "Not yet" not in html
    assert "Every verdict (3)" in html


def test_reviewer_verdicts_are_paginated(client, db):
    reviewer = ReviewerFactory(slug="busy")
    for _ in range(25):
        VerdictFactory(reviewer=reviewer)
    html = client.get("/reviewers/busy/").content.decode()
    assert html.count('class="quote quote--ship"') == 20
    assert client.get("/reviewers/busy/?page=2").content.decode().count('class="quote ') == 5


def test_a_reviewer_without_verdicts_has_an_empty_track_record(client, db):
    ReviewerFactory(slug="new", name="New Person")
    html = client.get("/reviewers/new/").content.decode()
    assert "no verdicts yet" in html
    assert share_shipped(html) == "Share shipped — no verdicts yet"
    assert "New Person has not published a verdict yet." in html


def share_shipped(html: str) -> str:
    """The text of the "Share shipped" item, tags stripped."""
    item = html[html.index("<dt>Share shipped</dt>") :]
    return " ".join(re.sub(r"<[^>]+>", " ", item[: item.index("</div>")]).split())


def test_share_shipped_below_the_panel_minimum_is_a_count_in_words(client, db, settings):
    settings.PANEL_MINIMUM_VERDICTS = 3
    newcomer = ReviewerFactory(slug="newcomer")
    VerdictFactory.create_batch(2, reviewer=newcomer, decision=Decision.SHIP)
    for page in ("/reviewers/newcomer/", "/reviewers/"):
        html = client.get(page).content.decode()
        assert share_shipped(html) == "Share shipped 2 of 2 verdicts: ship"
        assert "100%" not in html


def test_share_shipped_at_the_panel_minimum_is_the_percentage_with_its_n(client, maya, settings):
    settings.PANEL_MINIMUM_VERDICTS = 3
    html = client.get("/reviewers/maya-chen/").content.decode()
    assert share_shipped(html) == "Share shipped 67% 2 of 3 verdicts"


def test_the_minimum_is_the_setting_not_a_number_in_the_template(client, maya, settings):
    settings.PANEL_MINIMUM_VERDICTS = 4
    html = client.get("/reviewers/maya-chen/").content.decode()
    assert share_shipped(html) == "Share shipped 2 of 3 verdicts: ship"
    assert "67%" not in html


def test_unknown_reviewer_is_404(client, db):
    assert client.get("/reviewers/nope/").status_code == 404


def test_scorecard_links_to_the_reviewer_page(client, maya):
    tool = maya.verdicts.first().tool
    html = client.get(tool.get_absolute_url()).content.decode()
    assert 'href="/reviewers/maya-chen/"' in html
