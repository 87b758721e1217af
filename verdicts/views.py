"""The panel's own pages: who the reviewers are, their track record and every verdict."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.pagecache import Version, cached_page, content_of, page_number
from core.pagination import paginate
from core.publishing import seconds_until_next_publication
from tools.stamps import site_stamp
from verdicts.models import Reviewer, Verdict

REVIEWERS_PER_PAGE = 24
VERDICTS_PER_PAGE = 20


def page_lifetime(version: Version | None = None) -> int:
    return seconds_until_next_publication(
        Verdict, longest=settings.PAGE_CACHE_SECONDS, content=content_of(version)
    )


@require_safe
@cached_page(site_stamp, expires_in=page_lifetime, query={"page": page_number})
def reviewer_list(request):
    reviewers = Reviewer.objects.with_track_record().order_by("display_order", "name", "id")
    page_obj = paginate(request, reviewers, REVIEWERS_PER_PAGE)
    return render(request, "verdicts/reviewer_list.html", {"page_obj": page_obj})


@require_safe
@cached_page(site_stamp, expires_in=page_lifetime, query={"page": page_number})
def reviewer_detail(request, slug: str):
    reviewer = get_object_or_404(Reviewer.objects.with_track_record(), slug=slug)
    verdicts = (
        Verdict.objects.published()
        .filter(reviewer=reviewer)
        .select_related("tool", "tool__category")
        .order_by("-published_at", "-id")
    )
    context = {"reviewer": reviewer, "page_obj": paginate(request, verdicts, VERDICTS_PER_PAGE)}
    return render(request, "verdicts/reviewer_detail.html", context)
