"""The Editors group: editors run the editorial rooms and nothing else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from desk.roles import EDITORS_GROUP, editor_permission_codenames
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import PricingTierFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.factories import VoteTallyFactory
from tools.models import Category

pytestmark = pytest.mark.django_db

EDITABLE = ["tools/category", "tools/tool", "verdicts/reviewer", "verdicts/verdict",
            "comparisons/comparison"]  # fmt: skip


def test_migration_creates_the_editors_group_with_exactly_these_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert held == editor_permission_codenames()
    assert "tools.add_tool" in held and "verdicts.change_verdict" in held
    assert not any(
        p.split(".")[1].startswith("delete_")
        for p in held - {"tools.delete_pricingtier", "comparisons.delete_comparisontool"}
    )
    assert not any(p.startswith(("throttle.", "auth.", "axes.")) for p in held)
    # In votes, only the held-vote review queue and the moderation log, never vote rows.
    assert {p for p in held if p.startswith("votes.")} == {
        "votes.view_networkday",
        "votes.change_networkday",
        "votes.view_moderationentry",
    }
    # In picks, only the held-pick review queue: never pick rows or tallies.
    assert {p for p in held if p.startswith("picks.")} == {
        "picks.view_picknetworkday",
        "picks.change_picknetworkday",
    }


@pytest.mark.parametrize("model", EDITABLE)
def test_editor_can_open_the_list_and_add_pages(editor_client, model):
    assert editor_client.get(f"/admin/{model}/").status_code == 200
    assert editor_client.get(f"/admin/{model}/add/").status_code == 200


def test_editor_can_open_each_change_page(editor_client):
    verdict = VerdictFactory()
    comparison = ComparisonFactory()
    for path in [
        f"/admin/tools/category/{verdict.tool.category.pk}/change/",
        f"/admin/tools/tool/{verdict.tool.pk}/change/",
        f"/admin/verdicts/reviewer/{verdict.reviewer.pk}/change/",
        f"/admin/verdicts/verdict/{verdict.pk}/change/",
        f"/admin/comparisons/comparison/{comparison.pk}/change/",
        "/admin/verdicts/verdictchange/",
    ]:
        assert editor_client.get(path).status_code == 200, path


def test_editor_can_add_a_category_and_a_tool_with_pricing(editor_client):
    response = editor_client.post(
        "/admin/tools/category/add/", {"name": "Agents", "slug": "agents"}
    )
    assert response.status_code == 302
    category = Category.objects.get(slug="agents")
    response = editor_client.post(
        "/admin/tools/tool/add/",
        {
            "name": "Agentic", "slug": "agentic", "category": category.pk, "tagline": "Does it",
            "entry_price_label": "Free", "description": "**Yes**",
            "pricing_tiers-TOTAL_FORMS": "1", "pricing_tiers-INITIAL_FORMS": "0",
            "pricing_tiers-0-name": "Pro", "pricing_tiers-0-price": "20",
            "pricing_tiers-0-currency": "USD", "pricing_tiers-0-position": "0",
            "verdicts-TOTAL_FORMS": "0", "verdicts-INITIAL_FORMS": "0",
            "price_changes-TOTAL_FORMS": "0", "price_changes-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert category.tools.get().pricing_tiers.get().name == "Pro"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/votes/votetally/",
        "/admin/axes/accessattempt/",
    ],
)
def test_editor_cannot_see_users_groups_votes_or_sign_in_records(editor_client, path):
    assert editor_client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/admin/votes/vote/", "/admin/throttle/ratebucket/"])
def test_editor_cannot_reach_vote_rows_or_rate_limit_buckets(editor_client, path):
    # 404 while these are not in the admin at all; 403 if someone registers them later.
    assert editor_client.get(path).status_code in {403, 404}


def test_editor_cannot_change_a_vote_tally(editor_client):
    tally = VoteTallyFactory(ship_count=3)
    response = editor_client.post(f"/admin/votes/votetally/{tally.pk}/change/", {"ship_count": 99})
    assert response.status_code == 403
    tally.refresh_from_db()
    assert tally.ship_count == 3


def test_editor_cannot_delete_tools_verdicts_reviewers_or_comparisons(editor_client):
    verdict = VerdictFactory()
    comparison = ComparisonFactory()
    for path in [
        f"/admin/tools/tool/{verdict.tool.pk}/delete/",  # would delete the votes cast on it
        f"/admin/verdicts/verdict/{verdict.pk}/delete/",
        f"/admin/verdicts/reviewer/{verdict.reviewer.pk}/delete/",
        f"/admin/comparisons/comparison/{comparison.pk}/delete/",
        f"/admin/tools/category/{verdict.tool.category.pk}/delete/",
    ]:
        assert editor_client.post(path, {"post": "yes"}).status_code == 403, path
    verdict.refresh_from_db()  # still there


def test_editor_can_remove_a_pricing_tier_from_a_tool(editor_client):
    tier = PricingTierFactory()
    tool = tier.tool
    response = editor_client.post(
        f"/admin/tools/tool/{tool.pk}/change/",
        {
            "name": tool.name, "slug": tool.slug, "category": tool.category.pk,
            "tagline": tool.tagline, "entry_price_label": "Free",
            "pricing_tiers-TOTAL_FORMS": "1", "pricing_tiers-INITIAL_FORMS": "1",
            "pricing_tiers-0-id": tier.pk, "pricing_tiers-0-tool": tool.pk,
            "pricing_tiers-0-name": tier.name, "pricing_tiers-0-currency": "USD",
            "pricing_tiers-0-position": "0", "pricing_tiers-0-DELETE": "on",
            "verdicts-TOTAL_FORMS": "0", "verdicts-INITIAL_FORMS": "0",
            "price_changes-TOTAL_FORMS": "0", "price_changes-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert not tool.pricing_tiers.exists()


def test_admin_index_shows_editors_only_their_rooms(editor_client):
    html = editor_client.get("/admin/").content.decode()
    for room in ["Tools and pricing", "Panel verdicts", "Comparisons"]:
        assert room in html
    assert "Held vote groups" in html and "Held pick groups" in html
    for hidden in ["Vote tallies", "Authentication and Authorization", "Axes", "Users"]:
        assert hidden not in html


def test_staff_without_the_group_can_do_nothing(client):
    from tests.desk.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/tools/tool/").status_code == 403


def test_non_staff_are_sent_to_the_sign_in_page(client):
    response = client.get("/admin/tools/tool/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
