"""Which lists of tools can be compared, explained in a reader's words."""

from __future__ import annotations

import re

from comparisons.models import MAX_TOOLS, SLUG_SEPARATOR

MAX_TOOLS_COMPARED = MAX_TOOLS
SLUG_SHAPE = re.compile(r"[-a-zA-Z0-9_]+\Z")


def well_formed(slugs: list[str]) -> list[str]:
    """Only the slugs that could name a tool. Anything else (a NUL byte, which PostgreSQL refuses
    outright, a quote, a space) is never sent to the database: it is simply an unknown tool."""
    return [slug for slug in slugs if SLUG_SHAPE.match(slug)]


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
