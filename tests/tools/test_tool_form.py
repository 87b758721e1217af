"""A tool's category can be typed in place: one screen fewer for a new editor."""

from __future__ import annotations

import pytest

from tests.desk.forms import tool_form
from tests.tools.factories import CategoryFactory, ToolFactory
from tools.models import Category, Tool

pytestmark = pytest.mark.django_db


def new_tool_data(**fields) -> dict:
    template = ToolFactory.build(slug="fresh", name="Fresh")
    data = tool_form(template, **fields)
    data.pop("category")
    return data | fields


def test_a_new_category_is_made_with_the_tool(editor_client):
    response = editor_client.post(
        "/admin/tools/tool/add/", new_tool_data(new_category="Coding Agents", category="")
    )
    assert response.status_code == 302
    assert Tool.objects.get(slug="fresh").category == Category.objects.get(slug="coding-agents")


def test_a_category_must_be_chosen_or_named(editor_client):
    response = editor_client.post("/admin/tools/tool/add/", new_tool_data(category=""))
    assert response.status_code == 200
    assert "Choose a category, or name a new one below." in response.content.decode()
    assert not Tool.objects.exists()


def test_not_both(editor_client):
    existing = CategoryFactory(name="Agents")
    response = editor_client.post(
        "/admin/tools/tool/add/", new_tool_data(category=existing.pk, new_category="Other")
    )
    assert "Choose a category or name a new one, not both." in response.content.decode()
