"""One way to paginate every list that grows."""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def paginate(request, object_list, per_page: int) -> Page:
    """The page named by ?page=; a missing or odd value gives page 1, one past the end the last.

    Costs two queries on a queryset: the count and the page's rows.
    """
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))
