"""The tool page in the admin: search, filters, inlines, logo preview, View on site."""

from __future__ import annotations

import pytest

from tests.tools.factories import CategoryFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_search_finds_tools_by_name_vendor_and_description(editor_client):
    ToolFactory(name="Zed Editor", vendor="Zed Industries")
    ToolFactory(name="Other", description="Pairs well with **Zed**")
    ToolFactory(name="Unrelated")
    html = editor_client.get("/admin/tools/tool/?q=zed").content.decode()
    assert "Zed Editor" in html and "Other" in html and "Unrelated" not in html


def test_filters_by_category_and_licence(editor_client):
    agents = CategoryFactory(name="Agents")
    ToolFactory(name="Open Agent", category=agents, license_name="MIT")
    ToolFactory(name="Closed Agent", category=agents, license_is_open_source=False,
                license_name="Proprietary")  # fmt: skip
    ToolFactory(name="Editor Thing")
    html = editor_client.get(
        f"/admin/tools/tool/?category__id__exact={agents.pk}&license_is_open_source__exact=1"
    ).content.decode()
    assert "Open Agent" in html and "Closed Agent" not in html and "Editor Thing" not in html
    html = editor_client.get("/admin/tools/tool/?license_name=Proprietary").content.decode()
    assert "Closed Agent" in html and "Open Agent" not in html


def test_tool_page_has_pricing_and_one_verdict_row_per_reviewer_inline(editor_client):
    verdict = VerdictFactory()
    ReviewerFactory.create_batch(2)
    html = editor_client.get(f"/admin/tools/tool/{verdict.tool.pk}/change/").content.decode()
    assert 'id="pricing_tiers-group"' in html
    assert 'id="verdicts-group"' in html
    assert 'name="verdicts-MAX_NUM_FORMS" value="3"' in html  # as many rows as reviewers
    assert 'name="verdicts-0-body"' in html


def test_tool_page_links_to_the_public_page(editor_client):
    tool = ToolFactory()
    html = editor_client.get(f"/admin/tools/tool/{tool.pk}/change/").content.decode()
    assert "View on site" in html
    response = editor_client.get(f"/admin/r/{_content_type_id(tool)}/{tool.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/tools/{tool.slug}/")


def _content_type_id(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk
