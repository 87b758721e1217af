from __future__ import annotations

import pytest

from core.text import first_sentence


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("It ships. It is fast.", "It ships."),
        ("Only one sentence here", "Only one sentence here"),
        ("Use e.g. vLLM to serve it. Then scale.", "Use e.g. vLLM to serve it."),
        ("It needs 3.5 GB of memory! Plan for it.", "It needs 3.5 GB of memory!"),
        ("“Quoted.” Then more.", "“Quoted.”"),
        ("Why ship it? “Because.”", "Why ship it?"),
        ("  spaced\n out.  Next. ", "spaced out."),
    ],
)
def test_first_sentence_ends_at_a_sentence_end_not_an_abbreviation_or_a_number(text, lead):
    assert first_sentence(text) == lead
