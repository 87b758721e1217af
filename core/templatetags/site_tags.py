"""Template tags every page uses: canonical and absolute URLs, page links, JSON-LD, fragments.

Registered in settings (TEMPLATES OPTIONS "libraries") as `site_tags`, so any app's templates can
`{% load site_tags %}` without importing another app.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.fragments import FragmentSpec
from core.pagecache import fragment_html

register = template.Library()


def _absolute(request, path: str) -> str:
    if request is None:
        return path
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def fragment(context, fragment_name: str, **arguments) -> SafeString:
    """A fragment of the page (core/fragments.py): rendered here, or, in the copy the page
    cache shares, a hole it fills from the fragment's own cache entry."""
    spec = FragmentSpec.of(fragment_name, arguments)
    # Our own template's output (autoescaped when rendered) or the hole's control characters.
    return mark_safe(fragment_html(context.get("request"), spec))  # noqa: S308


@register.simple_block_tag(takes_context=True, end_name="endfragment_here")
def fragment_here(context, content: str, fragment_name: str, **arguments) -> SafeString:
    """A fragment written out in the page: rendered from the view's own context (no query of
    its own), or, in the copy the page cache shares, a hole that the fragment registered as
    `fragment_name` fills from its own cache entry. The two must render the same HTML from the
    same data (tests/comparisons/test_page_fragments.py holds them to it)."""
    spec = FragmentSpec.of(fragment_name, arguments)
    # `content` is our own template's output, autoescaped when rendered.
    return mark_safe(fragment_html(context.get("request"), spec, content))  # noqa: S308


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's canonical address: the path, plus only the query parameters that name content.

    A view lists those in `canonical_params` (default: just the page number); page 1 is the bare
    path, and the page number comes from the page object, never from the raw query string.
    """
    request = context.get("request")
    if request is None:
        return ""
    path = context.get("canonical_path") or request.path
    query = request.GET.copy()
    kept = {}
    for name in context.get("canonical_params", ("page",)):
        if name == "page":
            page_obj = context.get("page_obj")
            if page_obj is not None and page_obj.number > 1:
                kept["page"] = str(page_obj.number)
        elif query.get(name):
            kept[name] = query.get(name)
    if kept:
        query.clear()
        query.update(kept)
        path = f"{path}?{query.urlencode()}"
    return _absolute(request, path)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return _absolute(context.get("request"), path)


@register.simple_tag(takes_context=True)
def absolute_static(context, path: str) -> str:
    return _absolute(context.get("request"), static(path))


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """This page's URL with ?page= set to `number` (dropped for page 1), other parameters kept."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    if int(number) > 1:
        query["page"] = str(number)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


# The same three escapes as django.utils.html.json_script, "&" first.
JSON_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


@register.filter
def json_ld(value) -> SafeString:
    """A JSON-LD data block, escaped as Django's json_script escapes: <, > and & become \\u
    escapes, so nothing in the data can close the element (three str.replace calls, cheaper
    than json_script's str.translate on a page's worth of reviews; docs/performance.md).
    Browsers do not execute this type, so CSP script-src does not apply to it.
    """
    data = json.dumps(value, cls=DjangoJSONEncoder)
    for character, escaped in JSON_SCRIPT_ESCAPES:
        data = data.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308


# Dates on the hot pages. Django's `date` filter looks the locale up on every call; these give
# the same text and remember the day labels they have already written.
@register.filter(expects_localtime=True)
def iso_datetime(value) -> str:
    """{{ value|date:"c" }}: the ISO 8601 form, for <time datetime>."""
    return value.isoformat() if value else ""


@register.filter(expects_localtime=True)
def day_label(value) -> str:
    """{{ value|date:"j M Y" }}: "27 Nov 2026"."""
    if not value:
        return ""
    day = value.date() if hasattr(value, "date") else value
    return _day_label(day, get_language())


@lru_cache(maxsize=4096)
def _day_label(day, language: str) -> str:
    return date_format(day, "j M Y")
