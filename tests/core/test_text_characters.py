"""Characters XML 1.0 and HTML cannot carry are stripped from editor text on save (core/text.py),
and a data migration's helper repairs rows stored before the rule."""

from __future__ import annotations

import pytest

from core.text import clean_text, has_uncarriable, render_markdown, repair_stored_text
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from tools.models import Tool
from verdicts.models import Verdict

UNCARRIABLE = [
    "\x00", "\x01", "\x02", "\x03", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f", "\x85",
    "\ud800", "\udfff", "\ufdd0", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff",
]  # fmt: skip


@pytest.mark.parametrize("character", UNCARRIABLE)
def test_clean_text_strips_what_xml_and_html_cannot_carry(character):
    assert clean_text(f"a{character}b") == "ab"


def test_clean_text_keeps_tab_newlines_and_every_real_character():
    text = "tab\there\nline\r\nend — ünïcode 😀 \u00a0 \ue000 \ufffd"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "source",
    ["a &#1; b", "a &#x0B; b", "x\x0by", "a \x02wzxhzdk:0\x03 b", "&#xFFFE; and &#xD800;"],
)
def test_rendered_markdown_never_holds_an_uncarriable_character(source):
    assert not has_uncarriable(render_markdown(source))


@pytest.mark.django_db
def test_saving_strips_them_from_every_text_field():
    tool = ToolFactory(name="Odd\x01 tool", tagline="tag\x0bline", description="de&#1;sc\x02")
    verdict = VerdictFactory(tool=tool, reviewer=ReviewerFactory(name="Re\x1fviewer"), body="b\x03")
    comparison = ComparisonFactory(
        tools=[tool, ToolFactory()],
        ship_if=["when\x0b it fits"],
        title="T\x08itle",
        summary="s&#2;",
    )
    tool.refresh_from_db()
    verdict.refresh_from_db()
    comparison.refresh_from_db()
    assert (tool.name, tool.tagline) == ("Odd tool", "tagline")
    assert verdict.reviewer.name == "Reviewer"
    assert comparison.title == "Title"
    assert comparison.entries.get(tool=tool).ship_if == "when it fits"
    for value in [
        tool.description,
        tool.description_html,
        verdict.body,
        verdict.body_html,
        verdict.body_text,
        comparison.summary_html,
        comparison.summary_text,
    ]:
        assert not has_uncarriable(value), repr(value)


@pytest.mark.django_db
def test_repairing_stored_rows_cleans_text_and_renders_the_markdown_again():
    tool = ToolFactory()
    verdict = VerdictFactory(tool=tool)
    # Rows written before the rule (update() skips save()).
    Tool.objects.filter(pk=tool.pk).update(name="Bad\x01", description_html="<p>\x0b</p>")
    Verdict.objects.filter(pk=verdict.pk).update(body="x &#1; y", body_html="<p>x \x01 y</p>")
    fixed = repair_stored_text(Tool, markdown_fields={"description": "description_html"})
    fixed += repair_stored_text(
        Verdict, markdown_fields={"body": "body_html"}, plain_text_fields={"body_html": "body_text"}
    )
    assert fixed == 2
    tool.refresh_from_db()
    verdict.refresh_from_db()
    assert tool.name == "Bad"
    assert tool.description_html == render_markdown(tool.description)
    assert verdict.body_html == "<p>x  y</p>"
    assert verdict.body_text == "x y"
    assert repair_stored_text(Tool) == 0  # nothing left to do
