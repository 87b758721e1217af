"""Editors set a comparison's 2 to 4 tools and each one's "ship it if…" line in the admin."""

from __future__ import annotations

import pytest

from comparisons.models import Comparison
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/comparisons/comparison/add/"


def _form(tools, lines, **fields) -> dict:
    data = {
        "title": "Which to ship",
        "bottom_line": "Alpha for code.",
        "summary": "Ship **Alpha** for code.",
        "publication": "now",
        "published_at_0": "",
        "published_at_1": "",
        "entries-TOTAL_FORMS": str(len(tools)),
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "2",
        "entries-MAX_NUM_FORMS": "4",
        **fields,
    }
    for index, (tool, line) in enumerate(zip(tools, lines, strict=True)):
        data[f"entries-{index}-position"] = str(index + 1)
        data[f"entries-{index}-tool"] = str(tool.pk)
        data[f"entries-{index}-ship_if"] = line
    return data


def test_an_editor_adds_a_comparison_of_three_tools_with_their_lines(admin_client):
    tools = [ToolFactory(slug=slug) for slug in ("gamma", "alpha", "beta")]
    lines = ["Ship Gamma for search.", "Ship Alpha for code.", ""]
    response = admin_client.post(ADD, _form(tools, lines))
    assert response.status_code == 302, response.content.decode()[:2000]
    comparison = Comparison.objects.with_lineup().get()
    assert comparison.lineup_tools == tools
    assert comparison.ship_if(tools[0]) == "Ship Gamma for search."
    assert comparison.get_absolute_url() == "/compare/alpha-vs-beta-vs-gamma/"
    page = admin_client.get("/compare/alpha-vs-beta-vs-gamma/").content.decode()
    assert "Ship Gamma for search." in page and "Alpha for code." in page


def test_the_same_tools_twice_are_refused_with_a_reason(admin_client):
    alpha, beta = ToolFactory(), ToolFactory()
    ComparisonFactory(tools=[alpha, beta], title="The first one")
    response = admin_client.post(ADD, _form([beta, alpha], ["", ""]))
    assert response.status_code == 200
    assert "These tools already have a comparison: “The first one”." in response.content.decode()
    assert Comparison.objects.count() == 1


@pytest.mark.parametrize("count", [1, 5])
def test_fewer_than_two_or_more_than_four_tools_are_refused(admin_client, count):
    tools = ToolFactory.create_batch(count)
    response = admin_client.post(ADD, _form(tools, [""] * count))
    assert response.status_code == 200
    assert not Comparison.objects.exists()


def test_editing_the_lines_keeps_the_url(admin_client):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    comparison = ComparisonFactory(tools=[alpha, beta])
    data = _form([alpha, beta], ["Alpha when…", "Beta when…"], **{"entries-INITIAL_FORMS": "2"})
    for index, entry in enumerate(comparison.lineup):
        data[f"entries-{index}-id"] = str(entry.pk)
        data[f"entries-{index}-comparison"] = str(comparison.pk)
    response = admin_client.post(f"/admin/comparisons/comparison/{comparison.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    fresh = Comparison.objects.with_lineup().get()
    assert fresh.ship_if(alpha) == "Alpha when…" and fresh.ship_if(beta) == "Beta when…"
    assert fresh.get_absolute_url() == "/compare/alpha-vs-beta/"
