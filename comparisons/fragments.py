"""The fragments of composed pages that carry community figures (core/fragments.py).

A vote moves these and nothing else on the list pages: each is rendered from its arguments and
the database, and cached on its own under the content and votes stamps.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from comparisons import rankings
from comparisons.models import compare_path
from core.fragments import fragment


@fragment("ranked_tools")
def ranked_tools(
    *, sort: str, category: int = 0, offset: int = 0, limit: int, evidence: str = "", empty: str
) -> str:
    """Tools ranked by `sort` (in `category`, 0: all), rows offset+1 to offset+limit, each with
    both figures; `evidence` keeps only tools with verdicts ("panel") or votes ("community")."""
    rows = rankings.window(
        sort=sort, category=category, offset=offset, limit=limit, evidence=evidence
    )
    context = {"rows": rows, "start": offset + 1, "empty": empty}
    return render_to_string("comparisons/_ranked_tools.html", context)


@fragment("compare_with")
def compare_with(
    *, tool: str, tool_name: str, category: int, category_name: str, limit: int
) -> str:
    """The tool page's suggestions: other tools of its category, best panel share first, each
    with both figures and a link to the comparison."""
    ranked = rankings.window(sort="panel", category=category, limit=limit + 1)
    rows = [row for row in ranked if row.tool.slug != tool][:limit]
    context = {
        "tool_name": tool_name,
        "category_name": category_name,
        "suggestions": [(row, compare_path([tool, row.tool.slug])) for row in rows],
    }
    return render_to_string("comparisons/_compare_with.html", context)


def register() -> None:
    """Called once at start-up (comparisons/apps.py): the decorators above ran on import."""
