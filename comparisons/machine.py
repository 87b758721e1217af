"""Read-only answers for machines: a comparison as JSON, and robots.txt."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from comparisons.board import Board, build_board, comparison_of, tools_for_board
from comparisons.models import SLUG_SEPARATOR, Comparison, canonical_slugs
from comparisons.selection import compare_request_problem, split_slugs, well_formed
from picks.figures import pairs_json, preference_note

JSON_CACHE_SECONDS = 300


def _iso(moment) -> str:
    return moment.isoformat()


def _tool_json(request, column) -> dict:
    tool = column.tool
    return {
        "slug": tool.slug,
        "name": tool.name,
        "url": request.build_absolute_uri(tool.get_absolute_url()),
        "category": {"slug": tool.category.slug, "name": tool.category.name},
        "vendor": tool.vendor,
        "tagline": tool.tagline,
        "entry_price": tool.entry_price_label,
        "licence": {"name": tool.license_name, "open_source": tool.license_is_open_source},
        "pricing_tiers": [
            {
                "name": tier.name,
                "price": None if tier.price is None else f"{tier.price:.2f}",
                "currency": tier.currency,
                "billing_unit": tier.billing_unit,
                "notes": tier.notes,
            }
            for tier in column.tiers
        ],
        # The small-sample rule (core/figures.py): counts always; the share and its 95%
        # interval only at or above the minimum, as on the page.
        "panel": {"ship": column.panel.ship_count, **column.panel.as_json()},
        "community": {
            "ship": column.community.ship_count,
            "skip": column.community.skip_count,
            **column.community.as_json(),
        },
        "updated_at": _iso(tool.updated_at),
    }


def comparison_json(request, board: Board, comparison: Comparison | None) -> dict:
    slugs = [tool.slug for tool in board.tools]
    verdicts = [
        {
            "tool": verdict.tool.slug,
            "reviewer": {
                "slug": row.reviewer.slug,
                "name": row.reviewer.name,
                "title": row.reviewer.title,
                "lens": row.reviewer.lens,
            },
            "decision": verdict.decision,
            "text": verdict.body_text,
            "published_at": _iso(verdict.published_at),
            "updated_at": _iso(verdict.updated_at),
        }
        for row in board.rows
        for verdict in row.verdicts
        if verdict is not None
    ]
    editorial = None
    if comparison is not None:
        editorial = {
            "title": comparison.title,
            "bottom_line": comparison.bottom_line,
            "ship_if": {entry.tool.slug: entry.ship_if for entry in comparison.lineup},
            "summary": comparison.summary_text,
            "published_at": _iso(comparison.published_at),
            "updated_at": _iso(comparison.updated_at),
        }
    return {
        "url": request.build_absolute_uri(reverse("compare", args=[SLUG_SEPARATOR.join(slugs)])),
        "tools": [_tool_json(request, column) for column in board.columns],
        "verdicts": verdicts,
        "split_count": board.split_count,
        "comparison": editorial,
        # Head-to-head picks ("which would you ship with?") for every pair on the page.
        "head_to_head": {"note": preference_note(), "pairs": pairs_json(board.tools)},
    }


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_GET
def compare_json(request, slugs: str):
    requested = split_slugs(slugs)
    problem = compare_request_problem(requested)
    if problem:
        return _error(problem, 400)
    ordered = canonical_slugs(requested)
    tools = tools_for_board(well_formed(ordered))
    if len(tools) != len(ordered):
        known = {tool.slug for tool in tools}
        missing = ", ".join(slug for slug in ordered if slug not in known)
        return _error(f"No tool called {missing}.", 404)
    if ordered != requested:
        return redirect(
            reverse("compare_json", args=[SLUG_SEPARATOR.join(ordered)]), permanent=True
        )
    comparison = comparison_of(tools)
    response = JsonResponse(comparison_json(request, build_board(tools), comparison))
    patch_cache_control(response, public=True, max_age=JSON_CACHE_SECONDS)
    # Public, read-only data without cookies: any site may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /compare/suggest/",
        "Disallow: /compare/?",  # picker states: endless combinations of the same pages
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86_400)
    return response
