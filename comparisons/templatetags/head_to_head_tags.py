"""{% head_to_head tools %}: the pick panel (two tools) or the pairs matrix (three or four).

Lives with the composed pages because the matrix links each pair to its comparison page."""

from __future__ import annotations

from django import template

from comparisons.models import compare_path
from picks.figures import matrix
from picks.visitor import panel_context, shown_outcome

register = template.Library()


@register.inclusion_tag("picks/_head_to_head.html", takes_context=True)
def head_to_head(context, tools):
    """The tallies (the view's, else one query), and a visitor's own pick (none when cached)."""
    request = context["request"]
    tools = list(tools)
    shown = {"tools": tools, "request": request, "csrf_token": context.get("csrf_token")}
    counts = context.get("pick_counts")  # read once by the view, when it did
    if len(tools) == 2:
        # Rendered for this visitor (the cache off, or a signed-in editor): what their pick
        # without JavaScript just did, as comparisons/personal.py says it on cached pages.
        outcome = shown_outcome(request, *tools)
        shown.update(panel_context(request, *tools, counts=counts, outcome=outcome))
    elif len(tools) > 2:
        shown["matrix"] = [
            (
                row,
                [
                    (cell, compare_path([cell.row.slug, cell.column.slug]) if cell else "")
                    for cell in cells
                ],
            )
            for row, cells in matrix(tools, counts)
        ]
    return shown
