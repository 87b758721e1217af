"""The demo data is the seed page, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparisons.models import Comparison
from core.text import plain_text, render_markdown
from tools.models import Tool
from verdicts.models import Verdict

SEED = Path(__file__).resolve().parents[1] / "docs" / "seed" / "comparison-page.txt"

pytestmark = pytest.mark.django_db


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def test_every_seed_quote_is_a_verdict_word_for_word(demo_data):
    quotes = [line[1:-1] for line in seed_lines() if line.startswith("\u201c")]
    assert len(quotes) == 8
    bodies = list(
        Verdict.objects.order_by("reviewer__display_order", "tool__slug").values_list(
            "body", flat=True
        )
    )
    assert bodies == quotes


def test_tools_match_the_seed_cards(demo_data):
    lines = seed_lines()
    code_llama = Tool.objects.get(slug="code-llama-4")
    mistral = Tool.objects.get(slug="mistral-8b-instruct-v3")
    assert (code_llama.name, code_llama.tagline, code_llama.description) == (
        lines[4],
        lines[5],
        lines[12],
    )
    assert (mistral.name, mistral.tagline, mistral.description) == (lines[14], lines[15], lines[22])
    assert code_llama.category.name == mistral.category.name == lines[3]
    assert code_llama.entry_price_label == mistral.entry_price_label == lines[10]


def test_stored_html_matches_what_save_would_render(demo_data):
    for verdict in Verdict.objects.all():
        assert verdict.body_html == render_markdown(verdict.body)
    for tool in Tool.objects.all():
        assert tool.description_html == render_markdown(tool.description)
    for comparison in Comparison.objects.all():
        assert comparison.summary_html == render_markdown(comparison.summary)


def test_stored_plain_text_matches_what_save_would_store(demo_data):
    for verdict in Verdict.objects.all():
        assert verdict.body_text == plain_text(verdict.body_html) != ""
    for comparison in Comparison.objects.all():
        assert comparison.summary_text == plain_text(comparison.summary_html) != ""
