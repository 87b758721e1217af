"""Whole public pages from the cache, with each visitor's own parts filled in per request.

A page is rendered once "for everyone": nobody's votes pressed, and its CSRF tokens cut out
and replaced by a hole. Each request then gets the stored HTML with the hole filled by its
own token (Django's CSRF cookie is set as usual) and, where the view asks, its own vote state
(see comparisons/personal.py). So every visitor's CSRF token and vote state stay correct,
plain-HTML forms keep working without JavaScript, and the page itself costs one stamp read.

Keys hold version stamps (tools/stamps.py) bumped in the same transaction as any change a page
shows: a vote, an edit or a publication makes the old copy unreachable when it commits.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from compare_site.publishing import shows_drafts

logger = logging.getLogger(__name__)

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_HOLE = "\x1a-csrf-token-\x1a"  # a control character: never in rendered HTML
SKIPPED_HEADERS = {"content-length", "set-cookie"}


@dataclass(frozen=True)
class CachedPage:
    content: str
    headers: tuple[tuple[str, str], ...]


def page_cache_enabled() -> bool:
    return settings.PAGE_CACHE


def cached_page(
    stamp: Callable[..., str | None],
    *,
    personalise: Callable[[object, str], str] | None = None,
    expires_in: Callable[[], int] | None = None,
):
    """Serve a GET view's 200 responses from the cache.

    `stamp(request, **kwargs)` names the version of everything the page shows (None: do not
    cache this request); `personalise(request, html)` fills per-visitor parts; `expires_in()`
    bounds how long a copy may live (e.g. until the next scheduled publication).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _may_share(request):
                return view(request, *args, **kwargs)
            version = stamp(request, **kwargs)
            if version is None:
                return view(request, *args, **kwargs)
            key = _key(request, version)
            page = _get(key)
            state = "hit"
            if page is None:
                state = "miss"
                request.render_for_everyone = True
                try:
                    response = view(request, *args, **kwargs)
                finally:
                    request.render_for_everyone = False
                if response.status_code != 200 or response.streaming:
                    return response
                page = _snapshot(response)
                _set(key, page, expires_in() if expires_in else settings.PAGE_CACHE_SECONDS)
            return _respond(request, page, personalise, state)

        return wrapper

    return decorator


def _may_share(request) -> bool:
    """Only plain page loads by readers: htmx swaps and staff (who see drafts) skip the cache."""
    return (
        page_cache_enabled()
        and request.method in ("GET", "HEAD")
        and not getattr(request, "htmx", False)
        and not shows_drafts(request)
    )


def _key(request, version: str) -> str:
    # Pages hold absolute URLs (canonical, og:image), so scheme and host are part of the key.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}:{version}"


def _snapshot(response) -> CachedPage:
    html = CSRF_VALUE.sub(rf"\g<1>{CSRF_HOLE}\g<2>", response.content.decode(response.charset))
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
    )
    return CachedPage(content=html, headers=headers)


def _respond(request, page: CachedPage, personalise, state: str) -> HttpResponse:
    html = page.content
    if CSRF_HOLE in html:
        html = html.replace(CSRF_HOLE, get_token(request))
    if personalise is not None:
        html = personalise(request, html)
    response = HttpResponse(html)
    for name, value in page.headers:
        response[name] = value
    response["X-Page-Cache"] = state
    return response


def _get(key: str) -> CachedPage | None:
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that fails is a miss, never an error page
        logger.warning("Page cache unavailable; rendering from the database.")
        return None


def _set(key: str, page: CachedPage, timeout: int) -> None:
    if timeout <= 0:
        return
    try:
        cache.set(key, page, timeout)
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unavailable; page not stored.")
