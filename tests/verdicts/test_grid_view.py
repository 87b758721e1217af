"""The panel grid: every reviewer × tool with its state; missing verdicts entered together."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Reviewer, Verdict

pytestmark = pytest.mark.django_db
URL = "/admin/verdicts/verdict/grid/"


def grid_url(*tools) -> str:
    return URL + "?" + "&".join(f"tool={tool.pk}" for tool in tools)


def test_the_grid_shows_each_verdicts_state(editor_client, django_assert_max_num_queries):
    alpha, beta = ToolFactory(name="Alpha"), ToolFactory(name="Beta")
    reviewer = ReviewerFactory()
    VerdictFactory(tool=alpha, reviewer=reviewer)
    VerdictFactory(tool=beta, reviewer=reviewer, published_at=timezone.now() + timedelta(days=1))
    VerdictFactory(tool=alpha, status=PublishStatus.DRAFT)
    with django_assert_max_num_queries(15):
        html = editor_client.get(grid_url(alpha, beta)).content.decode()
    for state in ["Published", "Scheduled", "Draft", "Missing"]:
        assert f">{state}</span>" in html
    assert html.count('class="grid-cell grid-cell--missing"') == 1 + 2  # one gap, one new row


def test_missing_verdicts_and_new_reviewers_are_saved_together_as_drafts(editor_client, editor):
    alpha, beta = ToolFactory(current_version="v3"), ToolFactory()
    reviewer = ReviewerFactory()
    data = {
        "tool": [alpha.pk, beta.pk], "new": "1", "publication": "draft",
        f"cell-{reviewer.pk}-{alpha.pk}-decision": "ship",
        f"cell-{reviewer.pk}-{alpha.pk}-body": "Ships **well**.",
        f"cell-{reviewer.pk}-{alpha.pk}-version": "v3",
        "new-0-name": "Ada Quill", "new-0-title": "The Operator", "new-0-lens": "Uptime.",
        f"new-0-{beta.pk}-decision": "skip", f"new-0-{beta.pk}-body": "Too heavy.",
    }  # fmt: skip
    response = editor_client.post(URL, data, follow=True)
    assert "2 verdicts saved as drafts; 1 reviewer added." in response.content.decode()
    ada = Reviewer.objects.get(slug="ada-quill")
    assert Verdict.objects.get(reviewer=ada).decision == "skip"
    mine = Verdict.objects.get(reviewer=reviewer)
    assert (mine.status, mine.version, mine.body_html) == (
        "draft", "v3", "<p>Ships <strong>well</strong>.</p>",
    )  # fmt: skip


def test_publishing_from_the_grid_is_explicit(editor_client):
    alpha, beta, reviewer = ToolFactory(), ToolFactory(), ReviewerFactory()
    data = {"tool": [alpha.pk, beta.pk], "new": "0", "publication": "now",
            f"cell-{reviewer.pk}-{beta.pk}-decision": "ship",
            f"cell-{reviewer.pk}-{beta.pk}-body": "Yes."}  # fmt: skip
    editor_client.post(URL, data)
    assert Verdict.objects.published().count() == 1


def test_one_bad_cell_saves_nothing_and_says_where(editor_client):
    alpha, beta, reviewer = ToolFactory(), ToolFactory(), ReviewerFactory()
    data = {"tool": [alpha.pk, beta.pk], "new": "0", "publication": "draft",
            f"cell-{reviewer.pk}-{alpha.pk}-decision": "ship",
            f"cell-{reviewer.pk}-{alpha.pk}-body": "Fine.",
            f"cell-{reviewer.pk}-{beta.pk}-decision": "skip"}  # fmt: skip
    response = editor_client.post(URL, data)
    assert response.status_code == 400
    assert "Write the reasoning, or set the decision back to —." in response.content.decode()
    assert not Verdict.objects.exists()


def test_a_new_reviewer_needs_a_name_title_and_lens(editor_client):
    alpha, beta = ToolFactory(), ToolFactory()
    data = {"tool": [alpha.pk, beta.pk], "new": "1", "publication": "draft",
            f"new-0-{alpha.pk}-decision": "ship", f"new-0-{alpha.pk}-body": "Yes."}  # fmt: skip
    response = editor_client.post(URL, data)
    assert response.status_code == 400
    assert "Name the reviewer these verdicts are by." in response.content.decode()
    assert not Verdict.objects.exists() and not Reviewer.objects.exists()


def test_it_asks_for_two_to_four_tools(editor_client):
    tool = ToolFactory()
    response = editor_client.get(grid_url(tool))
    assert response.status_code == 400
    assert "Pick two to four tools; you picked 1." in response.content.decode()


def test_picking_the_tools_comes_first_under_the_verdict_list(editor_client):
    html = editor_client.get(URL).content.decode()
    assert '<a href="/admin/verdicts/verdict/">Verdicts</a>' in html
    assert '<li aria-current="page">Panel grid</li>' in html
    assert 'value="Show the grid"' in html and 'name="tool"' in html
    assert "Add it first" not in html


def test_the_save_offers_drafts_first(editor_client):
    html = editor_client.get(grid_url(ToolFactory(), ToolFactory())).content.decode()
    assert "The new verdicts are" in html
    assert 'name="publication" value="draft" class="publication-choice"' in html
    assert 'id="id_publication_0" checked' in html
