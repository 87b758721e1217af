"""The trust pages: methodology, about, corrections, privacy."""

from __future__ import annotations

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import VerdictChange

pytestmark = pytest.mark.django_db

PAGES = ["/methodology/", "/about/", "/corrections/", "/privacy/"]


@pytest.mark.parametrize("path", PAGES)
def test_each_trust_page_is_linked_from_every_footer(client, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get(path)
    assert response.status_code == 200
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    assert f'href="{path}"' in footer


def test_methodology_has_an_anchor_per_section(client):
    html = client.get("/methodology/").content.decode()
    for anchor in ["panel-share", "community-share", "interval", "minimums", "reviewers"]:
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert 'id="dates-and-corrections"' in html


def test_methodology_states_the_minimums_from_settings(client, settings):
    settings.PANEL_MINIMUM_VERDICTS = 5
    settings.COMMUNITY_MINIMUM_VOTES = 20
    html = client.get("/methodology/").content.decode()
    assert "at least <strong>5</strong> published verdicts" in html
    assert "at least <strong>20</strong> votes" in html
    assert "14 ship votes of 20: 48–85%." in html  # worked by the site's own interval
    assert "One ship vote: the interval is 21–100%." in html


def test_methodology_lists_the_reviewers_with_their_published_counts(client):
    maya = ReviewerFactory(name="Maya Chen", lens="Can a weekend engineer ship it?")
    VerdictFactory(reviewer=maya)
    VerdictFactory(reviewer=maya, status=PublishStatus.DRAFT)
    html = client.get("/methodology/").content.decode()
    assert "Maya Chen" in html and "Can a weekend engineer ship it?" in html
    assert "(1 published verdict)" in html


def test_corrections_lists_public_changes_newest_first_and_nothing_else(client):
    verdict = VerdictFactory(tool__name="Zed", reviewer__name="Maya Chen", decision="ship")
    hidden = VerdictFactory(tool__name="Hidden", status=PublishStatus.DRAFT)
    now = timezone.now()
    for days, was_public in [(3, True), (1, True), (2, False)]:
        VerdictChange.objects.create(
            verdict=verdict,
            from_decision="skip",
            to_decision="ship",
            changed_at=now - timezone.timedelta(days=days),
            was_public=was_public,
        )
    VerdictChange.objects.create(
        verdict=hidden, from_decision="ship", to_decision="skip", changed_at=now, was_public=True
    )
    html = client.get("/corrections/").content.decode()
    assert html.count('class="corrections__item"') == 2
    assert "Maya Chen</a> changed their call on" in html and "Hidden" not in html
    first, second = (now - timezone.timedelta(days=d) for d in (1, 3))
    assert html.index(first.date().isoformat()) < html.index(second.date().isoformat())


def test_corrections_says_so_when_there_are_none(client):
    assert (
        "No published verdict has been changed yet." in client.get("/corrections/").content.decode()
    )


def test_privacy_names_the_cookie_and_what_is_kept(client):
    html = client.get("/privacy/").content.decode()
    assert "<code>shipboard_voter</code>" in html and "365 days" in html
    assert "<code>shipboard_vote_outcome</code> for at most 60 seconds" in html
    assert "never store your IP address" in html
    assert "forgotten after 7 days" in html
