"""An embeddable SVG badge per tool: its name, and the panel figure with its n.

"Code Llama 4 panel | 100% ship (4 of 4 reviewers)"; below the minimum the count in words,
"1 of 1 reviewer: ship" (core/figures.py), never a bare percentage.
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET

from tools.models import Tool
from verdicts.figures import panel_figure_of, with_panel_counts

BADGE_CACHE_SECONDS = 3600
# Longer names are cut so the badge stays a badge.
NAME_CHARACTERS = 32
# An SVG opened on its own is a document: it may load nothing and run nothing.
BADGE_CSP = "default-src 'none'; style-src 'none'; script-src 'none'; sandbox"
TONE_COLOURS = {"ship": "#0f6b3a", "skip": "#a4221a", "split": "#8a4b00"}
# Width of a character in 11px Verdana-like text, close enough to size the two boxes.
CHAR_WIDTH = 6.8


def _text_width(text: str) -> int:
    return round(len(text) * CHAR_WIDTH) + 12


@require_GET
def tool_badge(request, slug: str):
    tool = with_panel_counts(Tool.objects.filter(slug=slug)).first()
    if tool is None:
        response = HttpResponse(
            "No such tool.", status=404, content_type="text/plain; charset=utf-8"
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
    panel = panel_figure_of(tool)
    value = panel.statement
    tone = panel.majority if panel.headline_is_percent else "none"
    name = (
        tool.name if len(tool.name) <= NAME_CHARACTERS else tool.name[: NAME_CHARACTERS - 1] + "…"
    )
    label = f"{name} panel"
    label_width, value_width = _text_width(label), _text_width(value)
    svg = render_to_string(
        "verdicts/badge.svg",
        {
            "tool": tool,
            "panel": panel,
            "label": label,
            "value": value,
            "colour": TONE_COLOURS.get(tone, "#5b6270"),
            "label_width": label_width,
            "value_width": value_width,
            "width": label_width + value_width,
            "label_x": label_width / 2,
            "value_x": label_width + value_width / 2,
        },
    )
    etag = '"' + hashlib.sha256(svg.encode()).hexdigest()[:32] + '"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = BADGE_CSP
    patch_cache_control(response, public=True, max_age=BADGE_CACHE_SECONDS)
    return response
