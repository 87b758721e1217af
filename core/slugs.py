"""What a slug may be: the one rule, checked before a slug from a request reaches any query.

Slugs in URLs are checked by the `checked_slug` path converter (`<checked_slug:...>` in every
app's urls.py, registered by core/apps.py), slugs in query parameters by `only_slugs`.
Anything else (a NUL byte, which PostgreSQL refuses outright, a quote, a space, a slug longer
than any stored one) names no tool, reviewer or category: a 404, decided without asking the
database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SLUG_CHARACTERS = r"[-a-zA-Z0-9_]+"
# The longest SlugField of the site's models (tools and reviewers); longer names nothing.
MAX_SLUG_LENGTH = 120
_SLUG = re.compile(SLUG_CHARACTERS)


def is_slug(value: str) -> bool:
    """True when `value` could be the slug of something stored."""
    return len(value) <= MAX_SLUG_LENGTH and _SLUG.fullmatch(value) is not None


def only_slugs(values: Iterable[str]) -> list[str]:
    """The values that could be slugs, in order; the rest are simply unknown."""
    return [value for value in values if is_slug(value)]


class SlugConverter:
    """`<checked_slug:name>`: Django's slug characters, and `is_slug` besides (its length)."""

    regex = SLUG_CHARACTERS

    def to_python(self, value: str) -> str:
        if not is_slug(value):
            raise ValueError(value)  # the resolver moves on: no pattern matches, a 404
        return value

    def to_url(self, value: str) -> str:
        value = str(value)
        if not is_slug(value):
            raise ValueError(value)  # reverse() refuses: no link to a page that cannot exist
        return value
