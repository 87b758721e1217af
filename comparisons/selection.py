"""Which lists of tools can be compared, explained in a reader's words."""

from __future__ import annotations

from comparisons.models import SLUG_SEPARATOR

MAX_TOOLS_COMPARED = 4


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
