"""URL reversing, memoised for the life of the process.

A reverse() costs ~20 µs; a comparison page asks for ~30 (navigation, vote forms, tool and
reviewer links, JSON-LD) and got them all again on every request. The URL patterns cannot
change while a process runs, so each answer is kept. The key holds what reverse() reads besides
its arguments (the script prefix and ROOT_URLCONF), so a deployment under a sub-path or a test
that overrides ROOT_URLCONF still gets its own answers. (No view here sets request.urlconf.)
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

# Distinct (name, arguments) pairs: pages for every tool, reviewer and category fit easily.
REMEMBERED_URLS = 20_000


@lru_cache(maxsize=REMEMBERED_URLS)
def _reversed(prefix: str, urlconf, viewname: str, args: tuple[str, ...]) -> str:
    return reverse(viewname, urlconf=urlconf, args=args)


def path_to(viewname: str, *args) -> str:
    """reverse(viewname, args=args), remembered."""
    return _reversed(
        get_script_prefix(), settings.ROOT_URLCONF, viewname, tuple(str(arg) for arg in args)
    )
