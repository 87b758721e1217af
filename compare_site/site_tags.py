"""Template tags every page uses: canonical and absolute URLs, page links, JSON-LD.

Registered in settings (TEMPLATES OPTIONS "libraries") as `site_tags`, so any app's templates can
`{% load site_tags %}` without importing another app.
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _absolute(request, path: str) -> str:
    if request is None:
        return path
    return request.build_absolute_uri(path)


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


@register.filter
def json_ld(value) -> SafeString:
    """A JSON-LD data block: Django's json_script escaping, with the schema.org media type.

    json_script turns <, > and & into \\u escapes, so nothing in the data can close the element.
    Browsers do not execute this type, so CSP script-src does not apply to it.
    """
    block = json_script(value)
    return mark_safe(  # noqa: S308 - the only change is the type attribute json_script wrote
        block.replace('type="application/json"', 'type="application/ld+json"', 1)
    )
