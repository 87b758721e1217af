"""No XSS payload survives any editor text field: on public pages, in the preview, in the admin.

Each payload goes into every text field editors write (tool name, tagline, vendor and
description; pricing tier name and notes; reviewer name, title, lens and bio; verdict body;
comparison title and summary). Each page is compared with the same page holding harmless
text: no new script, iframe, form, svg, img..., no on*/hx-*/style attribute, no javascript:
or data: URL, and the marker never lands inside script or style.
"""

from __future__ import annotations

import pytest

from core.text import render_markdown
from tests.comparisons.factories import ComparisonFactory
from tests.desk.xss import PAYLOADS, assert_inert, inspect
from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from tools.models import Tool
from verdicts.models import Reviewer, Verdict

pytestmark = pytest.mark.django_db

HARMLESS = "Harmless words, **bold** and a [link](https://example.com/)."


def fit(model, field: str, text: str) -> str:
    limit = model._meta.get_field(field).max_length
    return text[:limit] if limit else text


def write_everywhere(text: str) -> dict:
    """Put `text` in every editor-written field of a two-tool comparison."""
    tools = [
        ToolFactory(
            slug=slug,
            name=fit(Tool, "name", text),
            tagline=fit(Tool, "tagline", text),
            vendor=fit(Tool, "vendor", text),
            description=text,
        )
        for slug in ("alpha", "beta")
    ]
    PricingTierFactory(tool=tools[0], name=fit(Tool, "name", text)[:80], notes=text[:240])
    reviewer = ReviewerFactory(
        slug="rev",
        name=fit(Reviewer, "name", text),
        title=fit(Reviewer, "title", text),
        lens=fit(Reviewer, "lens", text),
        bio=text,
    )
    verdicts = [VerdictFactory(tool=tool, reviewer=reviewer, body=text) for tool in tools]
    comparison = ComparisonFactory(tools=[tools[0], tools[1]], title=text[:200], summary=text)
    return {"tools": tools, "reviewer": reviewer, "verdicts": verdicts, "comparison": comparison}


def pages(objects: dict) -> dict[str, str]:
    """Page name → path (names, not paths, so primary keys may differ from the baseline)."""
    tool, reviewer = objects["tools"][0], objects["reviewer"]
    verdict, comparison = objects["verdicts"][0], objects["comparison"]
    return {
        "comparison page": "/compare/alpha-vs-beta/",
        "tool page": "/tools/alpha/",
        "home page": "/",
        "admin tool": f"/admin/tools/tool/{tool.pk}/change/",
        "admin tools": "/admin/tools/tool/",
        "admin reviewer": f"/admin/verdicts/reviewer/{reviewer.pk}/change/",
        "admin reviewers": "/admin/verdicts/reviewer/",
        "admin verdict": f"/admin/verdicts/verdict/{verdict.pk}/change/",
        "admin verdicts": "/admin/verdicts/verdict/",
        "admin comparison": f"/admin/comparisons/comparison/{comparison.pk}/change/",
        "admin comparisons": "/admin/comparisons/comparison/",
    }


def render_all(client, text: str) -> dict[str, str]:
    from django.db import transaction

    with transaction.atomic():
        objects = write_everywhere(text)
        rendered = {
            name: client.get(path).content.decode() for name, path in pages(objects).items()
        }
        rendered["preview"] = client.post(
            "/admin/desk/markdown-preview/", {"markdown": text}
        ).content.decode()
        transaction.set_rollback(True)
    return rendered


@pytest.fixture(scope="module")
def baseline(django_db_blocker, django_db_setup):
    from django.test import Client

    from tests.desk.factories import EditorFactory

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            client = Client()
            client.force_login(EditorFactory(username="baseline-editor"))
            rendered = render_all(client, HARMLESS)
            transaction.set_rollback(True)
    return rendered


def test_there_are_at_least_fifteen_payloads():
    assert len(PAYLOADS) >= 15


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[n for n, _ in PAYLOADS])
def test_payload_is_inert_on_public_pages_in_the_preview_and_in_the_admin(
    editor_client, payload, baseline
):
    rendered = render_all(editor_client, payload)
    assert "Staff preview" not in rendered["comparison page"]
    for where, html in rendered.items():
        assert_inert(html, baseline[where], where)


@pytest.mark.parametrize("payload", [p for _, p in PAYLOADS], ids=[n for n, _ in PAYLOADS])
def test_payload_is_inert_for_readers(client, payload, baseline):
    objects = write_everywhere(payload)
    for name, path in [
        ("comparison page", "/compare/alpha-vs-beta/"),
        ("tool page", "/tools/alpha/"),
        ("tool page", "/tools/beta/"),
        ("home page", "/"),
    ]:
        assert_inert(client.get(path).content.decode(), baseline[name], path)
    assert objects["verdicts"][0].body_html == render_markdown(payload)


def test_the_inspector_would_catch_a_live_payload():
    """The check itself can fail: unsanitised HTML trips every rule."""
    live = (
        '<p><img src=x onerror=alert(1)><a href=" javascript:alert(1)">x</a>'
        '<div hx-get="/x"></div></p>'
    )
    found = inspect(live)
    assert found.tags["img"] == 1
    assert found.attributes["onerror"] == 1 and found.attributes["hx-get"] == 1
    assert found.bad_urls
    with pytest.raises(AssertionError):
        assert_inert(live, "<p></p>", "self-test")


def test_a_payload_posted_through_the_admin_form_is_stored_sanitised(editor_client):
    from tests.desk.forms import publish_fields

    tool, reviewer = ToolFactory(), ReviewerFactory()
    body = '<img src=x onerror=alert("XSS")> [x](javascript:alert("XSS")) **kept**'
    response = editor_client.post(
        "/admin/verdicts/verdict/add/",
        {"tool": tool.pk, "reviewer": reviewer.pk, "decision": "ship", "body": body,
         "publication": "now", **publish_fields(),
         "changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0",
         "publications-TOTAL_FORMS": "0", "publications-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    stored = Verdict.objects.get().body_html
    assert stored == render_markdown(body)
    assert "<strong>kept</strong>" in stored
    found = inspect(stored)
    assert not found.tags and not found.attributes and not found.bad_urls
    assert "<img" not in stored and 'href="javascript' not in stored
