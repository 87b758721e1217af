from __future__ import annotations

from django import template
from django.conf import settings

from votes.figures import CommunityFigure, verified_figure_for
from votes.models import ModerationEntry

register = template.Library()

# Entries shown on a tool page; the rest are on the site-wide log.
TOOL_LOG_ENTRIES = 5


@register.filter
def held_on(my_votes, tool) -> bool:
    """Is this visitor's vote on `tool` held (recorded, counted once an editor checks it)?"""
    return bool(my_votes) and my_votes.is_held(tool)


@register.filter
def outcome_on(my_votes, tool) -> str:
    """What this visitor's vote on `tool` just did, carried over a no-JavaScript redirect."""
    return my_votes.outcome_for(tool) if my_votes else ""


@register.filter
def verified_figure(tool) -> CommunityFigure:
    """The tool's verified figure: from its tally when already joined, else one query."""
    return verified_figure_for(tool)


@register.inclusion_tag("votes/_moderation_log.html")
def tool_moderation_log(tool) -> dict:
    """The tool's latest moderation log entries (one query); nothing renders without any."""
    entries = list(ModerationEntry.objects.for_tool(tool)[:TOOL_LOG_ENTRIES])
    return {"tool": tool, "entries": entries}


@register.simple_tag
def vote_network_cap() -> int:
    return settings.VOTE_NETWORK_DAILY_CAP
