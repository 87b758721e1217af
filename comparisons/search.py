"""Site search over tool names, taglines and descriptions, comparison summaries and verdict text.

On PostgreSQL: full-text search (websearch syntax, English stemming) ranked with ts_rank, with
snippets from ts_headline. On SQLite: comparisons.search_sqlite, a LIKE-based fallback with the
same interface. Either way a search is one ranked UNION of the three kinds of result (paginated:
a count and a page), then one query per kind to load the page's rows: at most five queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from comparisons.highlight import START, STOP, mark_headline, mark_terms
from comparisons.models import Comparison
from tools.models import Tool
from verdicts.models import Verdict

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
PER_PAGE = 20
CONFIG = "english"


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "tool", "comparison" or "verdict"
    url: str
    title: SafeString
    snippet: SafeString
    context: str


def query_in_url(raw: str) -> str | None:
    """?q= as far as clean_query reads it: longer spellings of one query share a cached page."""
    return raw[: MAX_QUERY_LENGTH * 4] or None


def clean_query(raw: str) -> str:
    """The query as searched: control, private-use and unpaired characters gone (NUL included),
    whitespace collapsed, at most MAX_QUERY_LENGTH characters."""
    kept = (ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw[: MAX_QUERY_LENGTH * 4])
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH].strip()


def terms_of(query: str) -> list[str]:
    """Words to match and highlight; a query without any word characters is one term."""
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"\w+", query)))[:MAX_TERMS]
    return words or ([query[:40]] if query else [])


# Hits: the same shapes whichever database found them ------------------------------------------


def tool_hit(tool: Tool, terms: list[str], description: SafeString) -> SearchHit:
    """The tagline (always shown, marked) then the matching part of the description."""
    snippet = mark_terms(tool.tagline, terms)
    if description:
        snippet = format_html("{} — {}", snippet, description)
    return SearchHit(
        "tool", tool.get_absolute_url(), mark_terms(tool.name, terms), snippet, tool.category.name
    )


def comparison_hit(comparison: Comparison, terms: list[str], snippet: SafeString) -> SearchHit:
    title = comparison.names
    return SearchHit(
        "comparison", comparison.get_absolute_url(), mark_terms(title, terms), snippet, "Comparison"
    )


def verdict_hit(verdict: Verdict, terms: list[str], snippet: SafeString) -> SearchHit:
    url = reverse("tool_detail", args=[verdict.tool.slug]) + f"#reviewer-{verdict.reviewer.slug}"
    title = f"{verdict.reviewer.name} on {verdict.tool.name}: {verdict.get_decision_display()}"
    return SearchHit("verdict", url, mark_terms(title, terms), snippet, verdict.reviewer.title)


def in_row_order(rows, found: dict) -> list[SearchHit]:
    return [found[(kind, ident)] for kind, ident, _ in rows if (kind, ident) in found]


def ids_by_kind(rows) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for kind, ident, _ in rows:
        grouped[kind].append(ident)
    return grouped


def as_rows(queryset: QuerySet, kind: str, score) -> QuerySet:
    """One branch of the UNION: (kind, ident, score), every column an annotation so all branches
    line up. Default orderings are cleared: a UNION branch cannot carry its own ORDER BY."""
    return (
        queryset.order_by()
        .annotate(kind=Value(kind), ident=F("pk"), score=Cast(score, FloatField()))
        .values_list("kind", "ident", "score")
    )


def union_of(tools: QuerySet, comparisons: QuerySet, verdicts: QuerySet) -> QuerySet:
    return tools.union(comparisons, verdicts, all=True).order_by("-score", "kind", "ident")


# PostgreSQL ------------------------------------------------------------------------------------


def _query(query: str) -> SearchQuery:
    # websearch syntax accepts anything a person types ("quotes", or, -not) without an error.
    return SearchQuery(query, search_type="websearch", config=CONFIG)


def _vector(*weighted: tuple[str, str]):
    vectors = [SearchVector(field, weight=weight, config=CONFIG) for field, weight in weighted]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def _ranked_postgres(query: str) -> QuerySet:
    search = _query(query)
    # A name containing the typed text also matches, so "mistr" finds Mistral before it is a word.
    name_match = Q(name__icontains=query)
    tool_doc = _vector(("name", "A"), ("tagline", "B"), ("description", "C"))
    tools = as_rows(
        Tool.objects.annotate(document=tool_doc).filter(Q(document=search) | name_match),
        "tool",
        SearchRank(tool_doc, search)
        + Case(When(name_match, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
    )
    comparison_doc = _vector(("title", "A"), ("bottom_line", "A"), ("summary", "B"))
    comparisons = as_rows(
        Comparison.objects.published().annotate(document=comparison_doc).filter(document=search),
        "comparison",
        SearchRank(comparison_doc, search),
    )
    verdict_doc = _vector(("body", "B"))
    verdicts = as_rows(
        Verdict.objects.published().annotate(document=verdict_doc).filter(document=search),
        "verdict",
        SearchRank(verdict_doc, search),
    )
    return union_of(tools, comparisons, verdicts)


def _headline(expression, search: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        expression,
        search,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def _hits_postgres(rows, query: str) -> list[SearchHit]:
    search, terms, ids = _query(query), terms_of(query), ids_by_kind(rows)
    found: dict[tuple[str, int], SearchHit] = {}
    if ids["tool"]:
        for tool in (
            Tool.objects.filter(pk__in=ids["tool"])
            .select_related("category")
            .annotate(snippet_html=_headline("description_html", search))
        ):
            found["tool", tool.pk] = tool_hit(tool, terms, mark_headline(tool.snippet_html))
    if ids["comparison"]:
        for comparison in (
            Comparison.objects.filter(pk__in=ids["comparison"])
            .with_lineup()
            .annotate(snippet_html=_headline("summary_html", search))
        ):
            snippet = mark_headline(comparison.snippet_html)
            found["comparison", comparison.pk] = comparison_hit(comparison, terms, snippet)
    if ids["verdict"]:
        for verdict in (
            Verdict.objects.filter(pk__in=ids["verdict"])
            .select_related("tool", "reviewer")
            .annotate(snippet_html=_headline("body_html", search))
        ):
            found["verdict", verdict.pk] = verdict_hit(
                verdict, terms, mark_headline(verdict.snippet_html)
            )
    return in_row_order(rows, found)


# Choosing the backend --------------------------------------------------------------------------


def ranked(query: str) -> QuerySet:
    """Every match as (kind, ident, score) rows, best first, ready for a Paginator."""
    if connection.vendor == "postgresql":
        return _ranked_postgres(query)
    from comparisons import search_sqlite

    return search_sqlite.ranked(query)


def hits(rows, query: str) -> list[SearchHit]:
    """The results for one page of `ranked` rows, highlighted, in rank order."""
    rows = list(rows)
    if connection.vendor == "postgresql":
        return _hits_postgres(rows, query)
    from comparisons import search_sqlite

    return search_sqlite.hits(rows, query)
