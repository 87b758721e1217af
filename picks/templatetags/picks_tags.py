"""{% category_ranking category %}: a category's stored head-to-head ranking; {% pick_rules %}:
the numbers the methodology states."""

from __future__ import annotations

from django import template
from django.conf import settings

from picks.figures import minimum_picks
from picks.models import RankedTool
from tools.models import Tool

register = template.Library()


@register.inclusion_tag("picks/_category_ranking.html")
def category_ranking(category):
    """Two queries: the stored places with their tools, and the names of the tools left out."""
    places = list(
        RankedTool.objects.filter(ranking__category=category).select_related("tool", "ranking")
    )
    ranked_ids = [place.tool_id for place in places]
    unranked = list(
        Tool.objects.filter(category=category).exclude(pk__in=ranked_ids).order_by("name")
    )
    ranking = places[0].ranking if places else None
    return {"category": category, "places": places, "unranked": unranked, "ranking": ranking}


@register.simple_tag
def pick_rules() -> dict:
    """The numbers the methodology states, read from where they are set."""
    return {
        "few": minimum_picks(),
        "minimum": settings.PICKS_RANKING_MIN_PICKS,
        "samples": settings.PICKS_BOOTSTRAP_SAMPLES,
        "interval_minutes": max(1, round(settings.PICKS_FIT_INTERVAL_SECONDS / 60)),
        "network_cap": settings.VOTE_NETWORK_DAILY_CAP,  # votes' cap, shared (votes/caps.py)
    }
