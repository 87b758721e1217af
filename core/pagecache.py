"""Whole public pages from the cache, with each visitor's own parts filled in per request.

A page is rendered once "for everyone": nobody's votes pressed, and its CSRF tokens cut out
and replaced by a hole. Each request then gets the stored HTML with the hole filled by its
own token (Django's CSRF cookie is set as usual) and, where the view asks, its own vote state
(see comparisons/personal.py). So every visitor's CSRF token and vote state stay correct,
plain-HTML forms keep working without JavaScript, and the page itself costs one stamp read.

Keys hold version stamps (tools/stamps.py) bumped in the same transaction as any change a page
shows: a vote, an edit or a publication makes the old copy unreachable when it commits.

Two ways in: `PageCacheMiddleware`, early in the stack, answers a reader's hit before the
session, auth, messages and URL-dispatch machinery run (it replays the headers the full stack
added when the page was stored); the `cached_page` view decorator stores pages and answers the
requests the middleware leaves alone.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, resolve

from core.faults import DATABASE_OUTAGE_ERRORS
from core.publishing import shows_drafts

logger = logging.getLogger(__name__)

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_HOLE = "\x1a-csrf-token-\x1a"  # a control character: never in rendered HTML
SKIPPED_HEADERS = {"content-length", "set-cookie", "x-page-cache"}


@dataclass(frozen=True)
class CachedPage:
    # The page's UTF-8 bytes split at its CSRF holes: a hit joins them with the visitor's
    # token, with no scanning or re-encoding of the whole page.
    parts: tuple[bytes, ...]
    headers: tuple[tuple[str, str], ...]
    complete: bool = False  # True once the headers are those the whole stack added


@dataclass(frozen=True)
class PagePolicy:
    stamp: Callable[..., str | None]
    personalise: Callable[[object, str], str] | None
    expires_in: Callable[[], int] | None
    personal_cookie: str | None  # personalise only visitors who carry this cookie

    def key(self, request, kwargs) -> str | None:
        version = self.stamp(request, **kwargs)
        if version is None:
            return None
        # Pages hold absolute URLs (canonical, og:image), so scheme and host are in the key.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"page:{hashlib.sha256(address.encode()).hexdigest()}:{version}"


def cached_page(
    stamp: Callable[..., str | None],
    *,
    personalise: Callable[[object, str], str] | None = None,
    personal_cookie: str | None = None,
    expires_in: Callable[[], int] | None = None,
):
    """Serve a GET view's 200 responses from the cache.

    `stamp(request, **kwargs)` names the version of everything the page shows (None: do not
    cache this request); `personalise(request, html)` fills per-visitor parts for visitors
    carrying `personal_cookie`; `expires_in()` bounds how long a copy may live (e.g. until the
    next scheduled publication).
    """
    policy = PagePolicy(stamp, personalise, expires_in, personal_cookie)

    def decorator(view):
        def wrapper(request, *args, **kwargs):
            if not _may_share(request):
                return view(request, *args, **kwargs)
            if getattr(request, "page_cache_error", None) is not None:
                raise request.page_cache_error
            known = getattr(request, "page_cache_key", None)  # the middleware's, if it looked
            key = known[1] if known and known[0] is policy else policy.key(request, kwargs)
            if key is None:
                return view(request, *args, **kwargs)
            page = _get(key)
            if page is not None:
                return _respond(request, page, policy, "hit")
            request.render_for_everyone = True
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.render_for_everyone = False
            if response.status_code != 200 or response.streaming:
                return response
            page = _snapshot(response)
            timeout = policy.expires_in() if policy.expires_in else settings.PAGE_CACHE_SECONDS
            _set(key, page, timeout)
            answer = _respond(request, page, policy, "miss")
            # The middleware completes the stored copy with the headers added on the way out.
            answer.page_cache_entry = (key, page, timeout)
            return answer

        wrapper.page_cache = policy
        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        wrapper.__module__ = view.__module__
        return wrapper

    return decorator


class PageCacheMiddleware:
    """Answer readers' cache hits early; complete freshly stored pages with their headers.

    Sits right after WhiteNoise: SecurityMiddleware still adds its headers on the way out, and
    every header the rest of the stack added when the page was stored (CSP, X-Frame-Options,
    Vary...) is replayed. CSRF runs through CsrfViewMiddleware's own request and response
    hooks, so the token and cookie are exactly what the full stack would give.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        response = self._early_hit(request)
        if response is not None:
            return response
        response = self.get_response(request)
        entry = getattr(response, "page_cache_entry", None)
        if entry is not None:
            key, page, timeout = entry
            headers = tuple(
                (name, value)
                for name, value in response.items()
                if name.lower() not in SKIPPED_HEADERS
            )
            _set(key, replace(page, headers=headers, complete=True), timeout)
        return response

    def _early_hit(self, request):
        if not (
            settings.PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and "HTTP_HX_REQUEST" not in request.META
            # A session means a signed-in user, maybe staff who see drafts: the full stack.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            return None
        try:
            match = _resolve(request.path_info, settings.ROOT_URLCONF)
        except Resolver404:
            return None
        policy = getattr(match.func, "page_cache", None)
        if policy is None:
            return None
        try:
            key = policy.key(request, match.kwargs)
        except DATABASE_OUTAGE_ERRORS as error:
            # The full stack answers (its 503 page, with every header); the view's decorator
            # raises this same error rather than try the database a second time.
            request.page_cache_error = error
            return None
        request.page_cache_key = (policy, key)  # the view's decorator need not read it again
        page = _get(key) if key else None
        if page is None or not page.complete:
            return None
        self.csrf.process_request(request)
        response = _respond(request, page, policy, "hit")
        return self.csrf.process_response(request, response)


# Paths longer than any real page's are resolved afresh: remembering every odd path a client
# invents would let anyone fill the memory the cache is allowed.
REMEMBERED_PATH_LENGTH = 200


def _resolve(path: str, urlconf: str):
    """resolve(), remembered for the paths readers ask for (~20 µs saved on every hit)."""
    if len(path) > REMEMBERED_PATH_LENGTH:
        return resolve(path, urlconf)
    return _remembered_resolve(path, urlconf)


@lru_cache(maxsize=2048)
def _remembered_resolve(path: str, urlconf: str):
    return resolve(path, urlconf)  # an unknown path raises Resolver404: never kept


def _may_share(request) -> bool:
    """Only plain page loads by readers: htmx swaps and staff (who see drafts) skip the cache."""
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not getattr(request, "htmx", False)
        and not shows_drafts(request)
    )


def _snapshot(response) -> CachedPage:
    html = CSRF_VALUE.sub(rf"\g<1>{CSRF_HOLE}\g<2>", response.content.decode(response.charset))
    parts = tuple(part.encode() for part in html.split(CSRF_HOLE))
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
    )
    return CachedPage(parts=parts, headers=headers)


def _respond(request, page: CachedPage, policy: PagePolicy, state: str) -> HttpResponse:
    body = page.parts[0]
    if len(page.parts) > 1:
        body = get_token(request).encode().join(page.parts)
    if policy.personalise is not None and policy.personal_cookie in request.COOKIES:
        body = policy.personalise(request, body.decode()).encode()
    response = HttpResponse(body)
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
