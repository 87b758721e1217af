from __future__ import annotations

from django import template

from core.editing import desk_datetime as format_desk_datetime

register = template.Library()


@register.filter
def desk_datetime(moment) -> str:
    """The desk's one date format, with the time zone: 29 Nov 2026, 21:05 UTC."""
    return format_desk_datetime(moment) if moment else "—"
