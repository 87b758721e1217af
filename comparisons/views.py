"""Pages that put tools, the panel and the crowd together: home, comparison, tool, category,
the tool and comparison lists, and search."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from comparisons import rankings, search, share, structured_data
from comparisons.board import build_board, comparison_of, tools_for_board
from comparisons.models import SLUG_SEPARATOR, Comparison, canonical_slugs, compare_path
from comparisons.personal import compare_stamp, fill_visitor_parts, fill_vote_panels, page_lifetime
from comparisons.picker import PickerState
from comparisons.selection import compare_request_problem, well_formed
from core.pagecache import cached_page, origin_of, page_number
from core.pagination import paginate
from core.publishing import private_if, shows_drafts
from picks.figures import counts_among
from tools.models import Category, PriceChange, Tool
from tools.stamps import site_stamp, tool_page_stamp
from votes.voters import VOTER_COOKIE, visitor_votes

# Parameters of the partials a page includes (the vote panel, the figure cells and the
# newsletter box), at their page defaults. votes/ and newsletter/ views set them when they
# render one partial alone; named here, a page render never looks for them in vain (a name
# missing from the context costs a failed look-up at every use).
PARTIAL_DEFAULTS = {
    "oob": False,
    "notice": "",
    "outcome": "",
    "form": None,
    "retry_after": None,
    "newsletter_thanks": False,
    "page_obj": None,
}

FEATURED_ON_HOME = 4
LATEST_ON_HOME = 12
RANKED_ON_HOME = 8
SUGGESTED_ON_TOOL_PAGE = 6
COMPARISONS_PER_PAGE = 20
TOOLS_PER_PAGE = 24


@require_safe
@cached_page(site_stamp, expires_in=page_lifetime)
def home(request):
    include_drafts = shows_drafts(request)
    listed = Comparison.objects.visible(include_drafts=include_drafts).latest_first()
    context = {
        **PARTIAL_DEFAULTS,
        "featured": list(listed.filter(is_featured=True)[:FEATURED_ON_HOME]),
        "comparisons": list(listed[:LATEST_ON_HOME]),
        "categories": list(Category.objects.annotate(tool_count=Count("tools")).order_by("name")),
        # The two rankings are fragments (comparisons/fragments.py).
        "ranked_on_home": RANKED_ON_HOME,
        "picker": PickerState(),
    }
    return private_if(include_drafts, render(request, "comparisons/home.html", context))


@require_safe
@cached_page(
    compare_stamp,
    personalise=fill_visitor_parts,
    personal_cookie=VOTER_COOKIE,
    expires_in=page_lifetime,
)
def compare(request, slugs: str):
    requested = slugs.split(SLUG_SEPARATOR)
    problem = compare_request_problem(requested)
    if problem:
        return render(request, "comparisons/compare_error.html", {"problem": problem}, status=400)
    ordered = canonical_slugs(requested)
    tools = tools_for_board(well_formed(ordered))
    if len(tools) != len(ordered):
        known = {tool.slug for tool in tools}
        missing = ", ".join(slug for slug in ordered if slug not in known)
        raise Http404(f"No tool called {missing}.")
    if ordered != requested:
        return redirect(compare_path(ordered), permanent=True)
    include_drafts = shows_drafts(request)
    comparison = comparison_of(tools, include_drafts=include_drafts)
    board = build_board(tools, include_drafts=include_drafts)
    if comparison is not None:
        board.apply_comparison(comparison)
    pick_counts = counts_among(tools)  # head-to-head tallies: the pick panel, image, JSON-LD
    context = {
        **PARTIAL_DEFAULTS,
        "board": board,
        "comparison": comparison,
        "pick_counts": pick_counts,
        # Sharing and machines: no further queries, everything comes from the board. The share
        # image's address moves with votes: a fragment (comparisons/page_fragments.py).
        "tool_slugs": ordered,
        "origin": origin_of(request),
        "share_image_url": share.image_url_for(origin_of(request), board.columns, pick_counts),
        "share_image_path": reverse("compare_share_image", args=[slugs]),
        "json_url": reverse("compare_json", args=[slugs]),
        "jsonld": structured_data.comparison_page(request, board, comparison, pick_counts),
        "my_votes": visitor_votes(request, tools),  # per-visitor: read by the vote panels only
    }
    return private_if(include_drafts, render(request, "comparisons/compare.html", context))


PRICE_CHANGES_ON_TOOL_PAGE = 20


@require_safe
@cached_page(
    tool_page_stamp,
    personalise=fill_vote_panels,
    personal_cookie=VOTER_COOKIE,
    expires_in=page_lifetime,
    query={"page": page_number},
)
def tool_detail(request, slug: str):
    tools = tools_for_board([slug])
    if not tools:
        raise Http404(f"No tool called {slug}.")
    tool = tools[0]
    include_drafts = shows_drafts(request)
    board = build_board(tools, include_drafts=include_drafts)
    comparisons = (
        Comparison.objects.visible(include_drafts=include_drafts).involving(tool).latest_first()
    )
    context = {
        **PARTIAL_DEFAULTS,
        "board": board,
        "tool": tool,
        "comparisons": paginate(request, comparisons, COMPARISONS_PER_PAGE),
        "suggested_on_tool_page": SUGGESTED_ON_TOOL_PAGE,  # a fragment: comparisons/fragments.py
        "picker": PickerState(tools=[tool]),
        "price_changes": list(PriceChange.objects.for_tool(tool)[:PRICE_CHANGES_ON_TOOL_PAGE]),
        "tool_slugs": [slug],  # the share image's address: a fragment, as on comparison pages
        "origin": origin_of(request),
        "share_image_url": share.image_url_for(origin_of(request), board.columns),
        "jsonld": structured_data.tool_page(request, board),
        "my_votes": visitor_votes(request, tools),  # per-visitor: read by the vote panel only
        "badge_snippet": format_html(
            '<a href="{}"><img src="{}" alt="{} on Shipboard: panel {}" height="20"></a>',
            request.build_absolute_uri(tool.get_absolute_url()),
            request.build_absolute_uri(reverse("tool_badge", args=[slug])),
            tool.name,
            board.columns[0].panel.statement,
        ),
    }
    context["page_obj"] = context["comparisons"]
    return private_if(include_drafts, render(request, "comparisons/tool_detail.html", context))


# The ranked lists read ?sort= and ?page=, each spelt one way in the page cache's key.
RANKED_LIST_QUERY = {"sort": rankings.sort_in_url, "page": page_number}


def _sort(request, default: str) -> str:
    sort = request.GET.get("sort", default)
    return sort if sort in rankings.SORTS else default


@require_safe
@cached_page(site_stamp, expires_in=page_lifetime, query=RANKED_LIST_QUERY)
def category_detail(request, slug: str):
    category = get_object_or_404(Category.objects.annotate(tool_count=Count("tools")), slug=slug)
    sort = _sort(request, "panel")
    # Counted here; the ranked rows are a fragment (comparisons/fragments.py).
    page_obj = paginate(request, Tool.objects.filter(category=category), TOOLS_PER_PAGE)
    comparisons = list(
        Comparison.objects.published()
        .filter(entries__tool__category=category)
        .distinct()
        .latest_first()[:LATEST_ON_HOME]
    )
    context = {
        "category": category,
        "page_obj": page_obj,
        "ranked_offset": page_obj.start_index() - 1 if page_obj.paginator.count else 0,
        "sort": sort,
        "sort_label": rankings.SORTS[sort],
        "sorts": rankings.SORTS,
        "comparisons": comparisons,
        "canonical_params": ("sort", "page"),
    }
    return render(request, "comparisons/category_detail.html", context)


@require_safe
@cached_page(site_stamp, expires_in=page_lifetime, query=RANKED_LIST_QUERY)
def tool_index(request):
    sort = _sort(request, "panel")
    # Counted here; the ranked rows are a fragment (comparisons/fragments.py).
    page_obj = paginate(request, Tool.objects.all(), TOOLS_PER_PAGE)
    context = {
        "page_obj": page_obj,
        "ranked_offset": page_obj.start_index() - 1 if page_obj.paginator.count else 0,
        "sort": sort,
        "sort_label": rankings.SORTS[sort],
        "sorts": rankings.SORTS,
        "canonical_params": ("sort", "page"),
    }
    return render(request, "comparisons/tool_index.html", context)


@require_safe
@cached_page(site_stamp, expires_in=page_lifetime, query={"page": page_number})
def comparison_index(request):
    page_obj = paginate(
        request, Comparison.objects.published().latest_first(), COMPARISONS_PER_PAGE
    )
    return render(request, "comparisons/comparison_index.html", {"page_obj": page_obj})


def wants_partial(request) -> bool:
    """An htmx swap gets the partial; a full page load or htmx's history restore gets the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@cached_page(
    site_stamp,
    expires_in=page_lifetime,
    query={"q": search.query_in_url, "page": page_number},
)
def search_page(request):
    """Results for ?q=; any input at all gets a page (cleaned, cut to a sane length)."""
    raw = request.GET.get("q", "")
    query = search.clean_query(raw)
    page_obj, hits = None, []
    if query:
        page_obj = paginate(request, search.ranked(query), search.PER_PAGE)
        hits = search.hits(page_obj.object_list, query)
    context = {
        "query": query,
        "was_shortened": len(raw) > search.MAX_QUERY_LENGTH,
        "page_obj": page_obj,
        "hits": hits,
        "canonical_params": ("q", "page"),
    }
    template = (
        "comparisons/search.html#results" if wants_partial(request) else "comparisons/search.html"
    )
    return render(request, template, context)
