"""Search on SQLite: every word must appear (LIKE, case-insensitive for ASCII) in one of the
searched fields; matches in names count most, then taglines and titles, then long text.

No stemming and no phrase syntax: quotes and operators are just punctuation here. The results
have the same shape and highlighting as PostgreSQL's (comparisons.search).
"""

from __future__ import annotations

from functools import reduce
from operator import add, and_, or_

from django.db.models import Case, Q, QuerySet, Value, When

from comparisons.highlight import excerpt, mark_terms
from comparisons.models import Comparison
from comparisons.search import (
    SearchHit,
    as_rows,
    comparison_hit,
    ids_by_kind,
    in_row_order,
    terms_of,
    tool_hit,
    union_of,
    verdict_hit,
)
from core.text import plain_text
from tools.models import Tool
from verdicts.models import Verdict

TOOL_FIELDS = {"name": 10, "tagline": 3, "description": 1}
COMPARISON_FIELDS = {"title": 3, "bottom_line": 3, "summary": 1}
VERDICT_FIELDS = {"body": 1}


def _every_term_somewhere(terms: list[str], fields: dict[str, int]) -> Q:
    return reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": t}) for f in fields)) for t in terms))


def _score(terms: list[str], fields: dict[str, int]):
    return reduce(
        add,
        (
            Case(When(Q(**{f"{field}__icontains": term}), then=Value(weight)), default=Value(0))
            for term in terms
            for field, weight in fields.items()
        ),
    )


def _rows(queryset: QuerySet, kind: str, terms: list[str], fields: dict[str, int]) -> QuerySet:
    return as_rows(
        queryset.filter(_every_term_somewhere(terms, fields)), kind, _score(terms, fields)
    )


def ranked(query: str) -> QuerySet:
    terms = terms_of(query)
    return union_of(
        _rows(Tool.objects.all(), "tool", terms, TOOL_FIELDS),
        _rows(Comparison.objects.published(), "comparison", terms, COMPARISON_FIELDS),
        _rows(Verdict.objects.published(), "verdict", terms, VERDICT_FIELDS),
    )


def _snippet(text: str, terms: list[str]):
    return mark_terms(excerpt(text, terms), terms)


def hits(rows, query: str) -> list[SearchHit]:
    terms, ids = terms_of(query), ids_by_kind(rows)
    found: dict[tuple[str, int], SearchHit] = {}
    if ids["tool"]:
        for tool in Tool.objects.filter(pk__in=ids["tool"]).select_related("category"):
            description = _snippet(plain_text(tool.description_html), terms)
            found["tool", tool.pk] = tool_hit(tool, terms, description)
    if ids["comparison"]:
        for comparison in Comparison.objects.filter(pk__in=ids["comparison"]).with_lineup():
            snippet = _snippet(comparison.summary_text, terms)
            found["comparison", comparison.pk] = comparison_hit(comparison, terms, snippet)
    if ids["verdict"]:
        for verdict in Verdict.objects.filter(pk__in=ids["verdict"]).select_related(
            "tool", "reviewer"
        ):
            snippet = _snippet(verdict.body_text, terms)
            found["verdict", verdict.pk] = verdict_hit(verdict, terms, snippet)
    return in_row_order(rows, found)
