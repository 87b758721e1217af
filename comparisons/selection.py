"""Which lists of tools can be compared, explained in a reader's words."""

from __future__ import annotations

from comparisons.models import MAX_TOOLS, SLUG_SEPARATOR
from core.slugs import SLUG_CHARACTERS, is_slug, only_slugs

MAX_TOOLS_COMPARED = MAX_TOOLS


def well_formed(slugs: list[str]) -> list[str]:
    """Only the slugs that could name a tool (core/slugs.py); the rest are unknown tools."""
    return only_slugs(slugs)


class ComparedSlugsConverter:
    """`<compared_slugs:slugs>`, "tool-a-vs-tool-b": each named tool's slug passes `is_slug`.

    An empty name ("a-vs-") still matches, so the page can explain what a comparison needs.
    """

    regex = SLUG_CHARACTERS  # the separator is made of slug characters too

    def to_python(self, value: str) -> str:
        if not all(is_slug(slug) for slug in split_slugs(value) if slug):
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return self.to_python(str(value))


def split_slugs(slugs: str) -> list[str]:
    return slugs.split(SLUG_SEPARATOR)


def compare_request_problem(requested: list[str]) -> str:
    """Why this list of slugs cannot be compared; empty when it can."""
    if len(requested) < 2 or not all(requested):
        return "A comparison needs at least two tools, written as /compare/tool-a-vs-tool-b/."
    if len(set(requested)) != len(requested):
        return "The same tool is named twice. Pick different tools to compare."
    if len(requested) > MAX_TOOLS_COMPARED:
        return (
            f"You asked for {len(requested)} tools; a comparison shows at most "
            f"{MAX_TOOLS_COMPARED} side by side so each column stays readable."
        )
    return ""
