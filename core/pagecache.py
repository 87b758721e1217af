"""Whole public pages from the cache, with each visitor's own parts filled in per request.

A page is rendered once "for everyone": nobody's votes pressed, its CSRF tokens cut out and
replaced by holes, and its fragments (core/fragments.py: the parts that change more often than
the page, like the community figures in a list) replaced by holes too. Each request then gets
the stored HTML with the holes filled: its own CSRF token (Django's CSRF cookie is set as
usual), each fragment from its own cache entry and, where the view asks, its own vote state
(comparisons/personal.py). So every visitor's token and vote state stay correct, plain-HTML
forms keep working without JavaScript, and a hit costs one stamp read.

Keys hold version stamps (core/stamps.py, tools/stamps.py) moved in the same transaction as
any change a page shows, so the old copy is unreachable the moment the change commits. The key
is built from the scheme, host, path and only the query parameters the page uses, each in its
one spelling: other parameters neither make new entries nor get past the cache.

Two ways in: `PageCacheMiddleware`, early in the stack, answers a reader's hit before the
session, auth, messages and URL-dispatch machinery run (it replays the headers the full stack
added when the page was stored); the `cached_page` view decorator stores pages and answers the
requests the middleware leaves alone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, ResolverMatch, resolve

from core import fragments
from core.cache import read_quietly, write_quietly
from core.faults import DATABASE_OUTAGE_ERRORS
from core.publishing import shows_drafts
from core.stamps import CONTENT

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Holes are marked with a control character: never in rendered HTML.
CSRF_HOLE = "\x1a-csrf-token-\x1a"
HOLE = re.compile("\x1a-(?:csrf-token|fragment-([0-9]+))-\x1a")
TOKEN_HOLE = -1  # in CachedPage.holes: the CSRF token; other numbers index its fragments
SKIPPED_HEADERS = {"content-length", "set-cookie", "x-page-cache"}


@dataclass(frozen=True)
class Version:
    """What a page's key holds: `page` names everything its own HTML shows; `fragments` maps
    each stamp its fragments may be keyed by (core/fragments.py) to its token."""

    page: str
    fragments: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class CachedPage:
    # The page's UTF-8 bytes split at its holes: a hit joins them with the visitor's token and
    # the fragments, with no scanning or re-encoding of the whole page.
    parts: tuple[bytes, ...]
    holes: tuple[int, ...]  # between parts[i] and parts[i + 1]: TOKEN_HOLE or a fragment index
    fragments: tuple[fragments.FragmentSpec, ...]
    headers: tuple[tuple[str, str], ...]
    complete: bool = False  # True once the headers are those the whole stack added


def content_of(version: Version | None) -> int | None:
    """The content stamp's token a page's Version holds, if it holds it (core/stamps.py)."""
    return version.fragments.get(CONTENT) if version is not None else None


def origin_of(request) -> str:
    """The scheme and host a request came to ("https://example.com"): part of every page's key,
    and what a fragment that holds absolute URLs takes as an argument instead of the request."""
    return f"{request.scheme}://{request.get_host()}"


def page_number(value: str) -> str | None:
    """?page= in its one spelling: a whole number above 1 ("1", "01", "x" and "-3": none)."""
    return str(int(value)) if value.isdigit() and int(value) > 1 else None


@dataclass(frozen=True)
class PagePolicy:
    stamp: Callable[..., Version | None]
    personalise: Callable[[object, str], str] | None
    expires_in: Callable[[Version], int] | None
    personal_cookie: str | None  # personalise only visitors who carry this cookie
    # The query parameters the page reads, each with the function that spells its value one
    # way (None: the parameter is dropped). Any other parameter is ignored.
    query: dict[str, Callable[[str], str | None]]

    def timeout(self, version: Version) -> int:
        return self.expires_in(version) if self.expires_in else settings.PAGE_CACHE_SECONDS

    def used_query(self, request) -> str:
        """The query string of the parameters the page reads, in their one spelling."""
        used = {}
        for name, spell in self.query.items():
            raw = request.GET.get(name)
            value = spell(raw) if raw is not None else None
            if value is not None:
                used[name] = value
        return urlencode(used)

    def key(self, request, kwargs) -> tuple[str | None, Version | None]:
        version = self.stamp(request, **kwargs)
        if version is None:
            return None, None
        query = self.used_query(request)
        # Pages hold absolute URLs (canonical, og:image), so scheme and host are in the key.
        address = f"{origin_of(request)}{request.path}?{query}"
        return f"page:{hashlib.sha256(address.encode()).hexdigest()}:{version.page}", version


@dataclass
class PageCacheState:
    """Everything the page cache knows about one request, kept on it as `page_cache_state`."""

    policy: PagePolicy | None = None
    key: str | None = None
    version: Version | None = None
    error: Exception | None = None  # the database failed while the middleware read the stamps
    for_everyone: bool = False  # rendering the copy everyone shares: no one's own parts
    fragments: list[fragments.FragmentSpec] = field(default_factory=list)
    stored: tuple[str, CachedPage, int] | None = None  # for the middleware to complete
    rendered: dict[fragments.FragmentSpec, str] = field(default_factory=dict)  # rendered in place


def state_of(request) -> PageCacheState:
    state = getattr(request, "page_cache_state", None)
    if state is None:
        state = request.page_cache_state = PageCacheState()
    return state


def renders_for_everyone(request) -> bool:
    """True while a view renders the shared copy: per-visitor parts must be left out."""
    state = getattr(request, "page_cache_state", None)
    return state is not None and state.for_everyone


def fragment_html(request, spec: fragments.FragmentSpec, in_place: str | None = None) -> str:
    """What a fragment tag writes: while the shared copy renders, the hole it leaves; otherwise
    `in_place` (the fragment as the page's own context renders it) or, without that, the
    fragment rendered from the database, once per request however often the page shows it."""
    if request is None:
        return spec.render() if in_place is None else in_place
    state = state_of(request)
    if state.for_everyone:
        state.fragments.append(spec)
        if in_place is not None:
            state.rendered[spec] = in_place  # stored as the fragment's copy (_respond)
        return f"\x1a-fragment-{len(state.fragments) - 1}-\x1a"
    if in_place is not None:
        return in_place
    if spec not in state.rendered:
        state.rendered[spec] = spec.render()
    return state.rendered[spec]


def cached_page(
    stamp: Callable[..., Version | None],
    *,
    personalise: Callable[[object, str], str] | None = None,
    personal_cookie: str | None = None,
    expires_in: Callable[[Version], int] | None = None,
    query: dict[str, Callable[[str], str | None]] | None = None,
):
    """Serve a GET (or HEAD) view's 200 responses from the cache.

    `stamp(request, **kwargs)` gives the Version of everything the page shows (None: do not
    cache this request); `personalise(request, html)` fills per-visitor parts for visitors
    carrying `personal_cookie`; `expires_in(version)` bounds how long a copy may live (e.g.
    until the next scheduled publication); `query` names the parameters the view reads.
    """
    policy = PagePolicy(stamp, personalise, expires_in, personal_cookie, dict(query or {}))

    def decorator(view):
        def wrapper(request, *args, **kwargs):
            if not _may_share(request):
                return view(request, *args, **kwargs)
            state = state_of(request)
            if state.error is not None:
                raise state.error  # the middleware's stamp read failed: the 503 page
            if state.policy is not policy:  # the middleware did not look (or not for this view)
                state.policy = policy
                state.key, state.version = policy.key(request, kwargs)
            if state.key is None:
                return view(request, *args, **kwargs)
            page = _get(state.key)
            if page is not None:
                return _respond(request, page, policy, state.version, "hit")
            # The view sees only the parameters the key holds, so the copy fits every request
            # that shares the key.
            request.GET = QueryDict(policy.used_query(request))
            state.for_everyone, state.fragments = True, []
            try:
                response = view(request, *args, **kwargs)
            finally:
                state.for_everyone = False
            if response.status_code != 200 or response.streaming:
                return response
            page = _snapshot(response, tuple(state.fragments))
            timeout = policy.timeout(state.version)
            _set(state.key, page, timeout)
            # The middleware completes the stored copy with the headers added on the way out.
            state.stored = (state.key, page, timeout)
            return _respond(
                request, page, policy, state.version, "miss", lambda: timeout, state.rendered
            )

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
        state = getattr(request, "page_cache_state", None)
        if state is not None and state.stored is not None:
            key, page, timeout = state.stored
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
        match = _resolved(request.path_info, settings.ROOT_URLCONF)
        policy = getattr(match.func, "page_cache", None) if match is not None else None
        if policy is None:
            return None
        state = state_of(request)
        try:
            state.key, state.version = policy.key(request, match.kwargs)
        except DATABASE_OUTAGE_ERRORS as error:
            # The full stack answers (its 503 page, with every header); the view's decorator
            # raises this same error rather than try the database a second time.
            state.error = error
            return None
        state.policy = policy  # the view's decorator need not read the stamps again
        page = _get(state.key) if state.key else None
        if page is None or not page.complete:
            return None
        self.csrf.process_request(request)
        response = _respond(request, page, policy, state.version, "hit")
        return self.csrf.process_response(request, response)


@lru_cache(maxsize=4096)
def _resolved(path: str, urlconf: str) -> ResolverMatch | None:
    """The view a path leads to (None: none). Asked on every request, and the URL patterns
    are set when the process starts: each path is matched once, the most recent few thousand
    kept (bounded, so requests for made-up paths cannot grow it). Keyed by path and URLconf
    only: patterns that depend on the request (per-language prefixes, request.urlconf) would
    need those in the key."""
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return None


def _may_share(request) -> bool:
    """Only plain page loads by readers: htmx swaps and staff (who see drafts) skip the cache."""
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not getattr(request, "htmx", False)
        and not shows_drafts(request)
    )


def _snapshot(response, specs: tuple[fragments.FragmentSpec, ...]) -> CachedPage:
    html = CSRF_VALUE.sub(rf"\g<1>{CSRF_HOLE}\g<2>", response.content.decode(response.charset))
    pieces = HOLE.split(html)  # text, hole, text, hole, ... text
    holes = tuple(TOKEN_HOLE if hole is None else int(hole) for hole in pieces[1::2])
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
    )
    parts = tuple(text.encode() for text in pieces[0::2])
    return CachedPage(parts=parts, holes=holes, fragments=specs, headers=headers)


def _respond(
    request,
    page: CachedPage,
    policy: PagePolicy,
    version: Version,
    state: str,
    timeout: Callable[[], int] | None = None,
    rendered: dict[fragments.FragmentSpec, str] | None = None,
) -> HttpResponse:
    fillings: list[bytes] = []
    if page.fragments:
        html = fragments.html_of(
            page.fragments,
            version.fragments,
            timeout or (lambda: policy.timeout(version)),
            rendered,
        )
        fillings = [text.encode() for text in html]
    token = get_token(request).encode() if TOKEN_HOLE in page.holes else b""
    pieces = [page.parts[0]]
    for hole, part in zip(page.holes, page.parts[1:], strict=True):
        pieces += [token if hole == TOKEN_HOLE else fillings[hole], part]
    body = b"".join(pieces)
    if policy.personalise is not None and policy.personal_cookie in request.COOKIES:
        body = policy.personalise(request, body.decode()).encode()
    response = HttpResponse(body)
    for name, value in page.headers:
        response[name] = value
    response["X-Page-Cache"] = state
    return response


def _get(key: str) -> CachedPage | None:
    return read_quietly([key], "page").get(key)


def _set(key: str, page: CachedPage, timeout: int) -> None:
    write_quietly({key: page}, timeout, "page")
