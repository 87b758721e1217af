"""One rule says what a slug may be (core/slugs.py); URLs and query parameters both use it."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from core.slugs import MAX_SLUG_LENGTH, is_slug, only_slugs


@pytest.mark.parametrize("slug", ["alpha", "code-llama-4", "a_b", "A1", "x" * MAX_SLUG_LENGTH])
def test_slug_characters_are_accepted(slug):
    assert is_slug(slug)


@pytest.mark.parametrize(
    "odd",
    ["", "a\x00", "\x00", "a b", "a/b", "a.b", "é", "a\n", "'", "x" * (MAX_SLUG_LENGTH + 1)],
)
def test_anything_else_is_not_a_slug(odd):
    assert not is_slug(odd)


def test_only_slugs_keeps_the_well_formed_in_order():
    assert only_slugs(["b", "a\x00", "a", "a b"]) == ["b", "a"]


def test_links_are_never_built_to_an_odd_slug():
    with pytest.raises(NoReverseMatch):
        reverse("tool_detail", args=["a\x00"])
