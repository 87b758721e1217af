"""The pages that say how the site's figures are made and what it keeps: methodology, about,
corrections and privacy. Their facts (minimums, cookie lifetime, retention) are read from the
code and settings that enforce them, so a page can never describe a rule the site does not run."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.figures import wilson_interval
from core.pagecache import cached_page
from core.pagination import paginate
from newsletter.services import UNCONFIRMED_KEPT_FOR
from newsletter.tokens import CONFIRM_LINK_MAX_AGE
from tools.stamps import site_stamp
from verdicts.models import Reviewer, Verdict, VerdictChange
from votes.flash import OUTCOME_COOKIE, OUTCOME_COOKIE_MAX_AGE
from votes.voters import VOTER_COOKIE, VOTER_COOKIE_MAX_AGE

CORRECTIONS_PER_PAGE = 30


def _lifetime(version=None) -> int:
    return settings.PAGE_CACHE_SECONDS


def _worked_interval(ship: int, total: int) -> str:
    low, high = wilson_interval(ship, total)
    return f"{round(100 * low)}–{round(100 * high)}%"


@require_GET
@cached_page(site_stamp, expires_in=_lifetime)
def methodology(request):
    minimum_votes = settings.COMMUNITY_MINIMUM_VOTES
    context = {
        "panel_minimum": settings.PANEL_MINIMUM_VERDICTS,
        "community_minimum": minimum_votes,
        # Worked examples, computed by the same function the pages use.
        "example_small": _worked_interval(1, 1),
        "example_at_minimum": _worked_interval(round(minimum_votes * 0.7), minimum_votes),
        "example_at_minimum_ship": round(minimum_votes * 0.7),
        "example_large": _worked_interval(746, 1204),
        "reviewers": list(Reviewer.objects.with_track_record().order_by("display_order", "name")),
    }
    return render(request, "trust/methodology.html", context)


@require_GET
@cached_page(site_stamp, expires_in=_lifetime)
def about(request):
    return render(request, "trust/about.html", {})


@require_GET
@cached_page(site_stamp, expires_in=_lifetime)
def corrections(request):
    """Every change of a public verdict's decision, newest first: the site's corrections log."""
    changes = (
        VerdictChange.objects.filter(was_public=True, verdict__in=Verdict.objects.published())
        .select_related("verdict__reviewer", "verdict__tool")
        .order_by("-changed_at", "-id")
    )
    page_obj = paginate(request, changes, CORRECTIONS_PER_PAGE)
    return render(
        request, "trust/corrections.html", {"page_obj": page_obj, "canonical_params": ("page",)}
    )


@require_GET
@cached_page(site_stamp, expires_in=_lifetime)
def privacy(request):
    context = {
        "voter_cookie": VOTER_COOKIE,
        "voter_cookie_days": VOTER_COOKIE_MAX_AGE // 86400,
        "outcome_cookie": OUTCOME_COOKIE,
        "outcome_cookie_seconds": OUTCOME_COOKIE_MAX_AGE,
        "unconfirmed_days": UNCONFIRMED_KEPT_FOR.days,
        "confirm_link_days": CONFIRM_LINK_MAX_AGE.days,
    }
    return render(request, "trust/privacy.html", context)
