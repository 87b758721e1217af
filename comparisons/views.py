"""Pages that put tools, the panel and the crowd together: home, comparison, tool."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from comparisons.board import build_board, tools_for_board
from comparisons.models import SLUG_SEPARATOR, Comparison, canonical_slugs, compare_path
from tools.models import Tool
from votes.voters import visitor_votes

MAX_TOOLS_COMPARED = 4


@require_GET
def home(request):
    comparisons = list(Comparison.objects.published().latest_first()[:24])
    tools = list(Tool.objects.select_related("category").order_by("name")[:48])
    return render(request, "comparisons/home.html", {"comparisons": comparisons, "tools": tools})


@require_GET
def compare(request, slugs: str):
    requested = slugs.split(SLUG_SEPARATOR)
    problem = _compare_request_problem(requested)
    if problem:
        return render(request, "comparisons/compare_error.html", {"problem": problem}, status=400)
    ordered = canonical_slugs(requested)
    tools = tools_for_board(ordered)
    if len(tools) != len(ordered):
        known = {tool.slug for tool in tools}
        missing = ", ".join(slug for slug in ordered if slug not in known)
        raise Http404(f"No tool called {missing}.")
    if ordered != requested:
        return redirect(compare_path(ordered), permanent=True)
    comparison = None
    if len(tools) == 2:
        comparison = Comparison.objects.published().for_pair(*tools).first()
    context = {
        "board": build_board(tools),
        "comparison": comparison,
        "my_votes": visitor_votes(request, tools),  # per-visitor: read by the vote panels only
    }
    return render(request, "comparisons/compare.html", context)


def _compare_request_problem(requested: list[str]) -> str:
    """Explain, in a reader's words, why this list of slugs cannot be compared."""
    if len(requested) < 2 or not all(requested):
        return "A comparison needs at least two tools, written as /compare/tool-a-vs-tool-b/."
    if len(set(requested)) != len(requested):
        return "The same tool is named twice. Pick different tools to compare."
    if len(requested) > MAX_TOOLS_COMPARED:
        return (
            f"You asked for {len(requested)} tools; a comparison shows at most "
            f"{MAX_TOOLS_COMPARED} side by side so each column stays readable."
        )
    return ""


@require_GET
def tool_detail(request, slug: str):
    tools = tools_for_board([slug])
    if not tools:
        raise Http404(f"No tool called {slug}.")
    tool = tools[0]
    comparisons = Comparison.objects.published().involving(tool).latest_first()
    context = {
        "board": build_board(tools),
        "tool": tool,
        "comparisons": comparisons,
        "my_votes": visitor_votes(request, tools),  # per-visitor: read by the vote panel only
    }
    return render(request, "comparisons/tool_detail.html", context)
