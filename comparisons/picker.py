"""The compare picker: choose two to four tools and land on the canonical comparison URL.

Parameter names avoid DOM names: a form control named "remove" would shadow form.remove(),
which htmx calls when it swaps the form.

The picker's state lives in the query string (tools=a&tools=b&q=mis), so the same GET form works
without JavaScript (each Add/Remove/Find is a page load) and with htmx (the form swaps itself in
place, and typing fetches suggestions). Compare validates and redirects to /compare/a-vs-b/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Q, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from comparisons.models import compare_path
from comparisons.search import clean_query
from comparisons.selection import MAX_TOOLS_COMPARED, compare_request_problem, well_formed
from tools.models import Tool

MAX_SUGGESTIONS = 8
MAX_QUERY_LENGTH = 80
# More tools than this in the query string is not a picker state, just noise: ignore the rest.
MAX_TOOL_PARAMS = 16


@dataclass
class PickerState:
    tools: list[Tool] = field(default_factory=list)
    query: str = ""
    suggestions: list[Tool] = field(default_factory=list)
    error: str = ""
    focus_search: bool = False

    @property
    def can_add(self) -> bool:
        return len(self.tools) < MAX_TOOLS_COMPARED

    @property
    def can_compare(self) -> bool:
        return len(self.tools) >= 2

    @property
    def max_tools(self) -> int:
        return MAX_TOOLS_COMPARED


def suggest(query: str, exclude: list[str]) -> list[Tool]:
    """Tools whose name, slug, vendor or tagline contains `query`; names starting with it first."""
    if not query:
        return []
    match = (
        Q(name__icontains=query)
        | Q(slug__icontains=query)
        | Q(vendor__icontains=query)
        | Q(tagline__icontains=query)
    )
    starts = Case(When(name__istartswith=query, then=Value(0)), default=Value(1))
    return list(
        Tool.objects.filter(match)
        .exclude(slug__in=well_formed(exclude))
        .select_related("category")
        .annotate(starts_with_query=starts)
        .order_by("starts_with_query", "name")[:MAX_SUGGESTIONS]
    )


def _requested_slugs(params) -> list[str]:
    return [s.strip() for s in params.getlist("tools")[:MAX_TOOL_PARAMS] if s.strip()]


def read_picker(params, *, error: str = "") -> PickerState:
    """The picker after applying this request's Add or Remove: two queries at most."""
    chosen = list(dict.fromkeys(_requested_slugs(params)))
    remove = params.get("remove_tool", "").strip()
    if remove in chosen:
        chosen.remove(remove)
    add = params.get("add_tool", "").strip()
    if add and add not in chosen:
        if len(chosen) >= MAX_TOOLS_COMPARED:
            error = error or (
                f"You already have {MAX_TOOLS_COMPARED} tools, the most a comparison shows. "
                "Remove one to add another."
            )
        else:
            chosen.append(add)
    lookup = well_formed(chosen)
    found = {t.slug: t for t in Tool.objects.filter(slug__in=lookup)} if lookup else {}
    unknown = [slug for slug in chosen if slug not in found]
    if unknown and not error:
        error = f"There is no tool called “{unknown[0]}”; pick one from the suggestions."
    tools = [found[slug] for slug in chosen if slug in found][:MAX_TOOLS_COMPARED]
    # Once a tool is added the text that found it has done its job: start the next search empty.
    query = "" if add else clean_query(params.get("q", ""))[:MAX_QUERY_LENGTH]
    suggestions = suggest(query, chosen) if len(tools) < MAX_TOOLS_COMPARED else []
    return PickerState(
        tools=tools, query=query, suggestions=suggestions, error=error, focus_search=bool(add)
    )


def _selection_problem(requested: list[str]) -> str:
    """Why Compare cannot go ahead with these slugs, in the picker's words; empty if it can."""
    if len(requested) < 2:
        count = "no tools" if not requested else "one tool"
        return f"Pick at least two tools to compare; you have picked {count}."
    problem = compare_request_problem(requested)
    if problem:
        return problem
    known = set(Tool.objects.filter(slug__in=well_formed(requested)).values_list("slug", flat=True))
    missing = [slug for slug in requested if slug not in known]
    return f"There is no tool called “{missing[0]}”." if missing else ""


def _render(request, state: PickerState, status: int = 200):
    partial = request.htmx and not request.htmx.history_restore_request
    template = "comparisons/picker.html#picker" if partial else "comparisons/picker.html"
    return render(request, template, {"picker": state}, status=status)


@require_GET
@vary_on_headers("HX-Request")
def compare_picker(request):
    """Show the picker (adding, removing, finding), or on Compare go to the comparison."""
    if "go" in request.GET:
        requested = _requested_slugs(request.GET)
        problem = _selection_problem(requested)
        if not problem:
            target = compare_path(requested)
            return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
        state = read_picker(request.GET, error=problem)
        # htmx only swaps 2xx answers; the message is what matters there.
        return _render(request, state, status=200 if request.htmx else 400)
    return _render(request, read_picker(request.GET))


@require_GET
@vary_on_headers("HX-Request")
def picker_suggestions(request):
    """The autocomplete list for the text typed so far (htmx); without htmx, the picker page."""
    if not request.htmx:
        query = request.GET.urlencode()
        return redirect(reverse("compare_picker") + (f"?{query}" if query else ""))
    state = read_picker(request.GET)
    return render(request, "comparisons/picker.html#suggestions", {"picker": state})
