"""The new-comparison page: title suggested, "ship it if…" lines, the panel grid, one save."""

from __future__ import annotations

import pytest

from comparisons.models import Comparison
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Reviewer, Verdict

pytestmark = pytest.mark.django_db
URL = "/admin/comparisons/comparison/new/"


def test_the_title_is_suggested_and_the_grid_shows_the_panel(editor_client):
    alpha, beta, gamma = (
        ToolFactory(name="Alpha"),
        ToolFactory(name="Beta"),
        ToolFactory(name="Gamma"),
    )
    VerdictFactory(tool=alpha)
    html = editor_client.get(
        f"{URL}?tool={alpha.pk}&tool={beta.pk}&tool={gamma.pk}"
    ).content.decode()
    assert 'value="Alpha vs Beta vs Gamma"' in html
    assert "Ship Alpha if…" in html and "Ship Gamma if…" in html
    assert ">Published</span>" in html and ">Missing</span>" in html


def test_one_post_saves_the_comparison_its_lines_and_the_missing_verdicts(editor_client):
    alpha, beta = ToolFactory(name="Alpha"), ToolFactory(name="Beta")
    reviewer = ReviewerFactory()
    data = {
        "tool": [alpha.pk, beta.pk], "new": "1", "publication": "draft",
        "title": "Alpha vs Beta", "summary": "Ship **Alpha** for code.",
        f"ship_if_{alpha.pk}": "Ship Alpha if the job is code.", f"ship_if_{beta.pk}": "",
        f"cell-{reviewer.pk}-{alpha.pk}-decision": "ship",
        f"cell-{reviewer.pk}-{alpha.pk}-body": "Yes.",
        "new-0-name": "Ada Quill", "new-0-title": "The Operator", "new-0-lens": "Uptime.",
        f"new-0-{beta.pk}-decision": "skip", f"new-0-{beta.pk}-body": "No.",
    }  # fmt: skip
    response = editor_client.post(URL, data, follow=True)
    assert "“Alpha vs Beta” saved as a draft, with 2 new verdicts." in response.content.decode()
    comparison = Comparison.objects.get()
    assert comparison.status == "draft"
    assert comparison.ship_if(alpha) == "Ship Alpha if the job is code."
    assert Verdict.objects.filter(status="draft").count() == 2
    assert Reviewer.objects.filter(slug="ada-quill").exists()


def test_a_bad_cell_saves_neither_comparison_nor_verdicts(editor_client):
    alpha, beta, reviewer = ToolFactory(), ToolFactory(), ReviewerFactory()
    data = {"tool": [alpha.pk, beta.pk], "new": "0", "publication": "now", "title": "A vs B",
            "summary": "S.", f"cell-{reviewer.pk}-{alpha.pk}-decision": "ship"}  # fmt: skip
    response = editor_client.post(URL, data)
    assert response.status_code == 400
    assert not Comparison.objects.exists() and not Verdict.objects.exists()


def test_tools_already_compared_are_sent_to_their_comparison(editor_client):
    existing = ComparisonFactory()
    tools = existing.lineup_tools
    response = editor_client.get(f"{URL}?tool={tools[0].pk}&tool={tools[1].pk}", follow=True)
    assert "These tools already have a comparison" in response.content.decode()


def test_the_tool_list_action_starts_a_comparison(editor_client):
    alpha, beta = ToolFactory(), ToolFactory()
    response = editor_client.post(
        "/admin/tools/tool/",
        {"action": "compare_selected", "_selected_action": [alpha.pk, beta.pk]},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(URL)


def test_picking_the_tools_offers_to_add_a_missing_one(editor_client):
    html = editor_client.get(URL).content.decode()
    assert '<a href="/admin/comparisons/comparison/">Comparisons</a>' in html
    assert '<li aria-current="page">New comparison</li>' in html
    assert 'value="Next: the comparison and its panel"' in html and 'name="tool"' in html
    assert '<a href="/admin/tools/tool/add/">Add it first</a>' in html


def test_picking_one_tool_is_refused_with_the_reason(editor_client):
    response = editor_client.get(f"{URL}?tool={ToolFactory().pk}")
    assert response.status_code == 400
    assert "Pick two to four tools; you picked 1." in response.content.decode()


def test_the_save_offers_drafts_first(editor_client):
    alpha, beta = ToolFactory(), ToolFactory()
    html = editor_client.get(f"{URL}?tool={alpha.pk}&tool={beta.pk}").content.decode()
    assert "Readers see the comparison and the new verdicts" in html
    assert 'name="publication" value="draft" class="publication-choice"' in html
    assert 'id="id_publication_0" checked' in html
