from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def held_on(my_votes, tool) -> bool:
    """Is this visitor's vote on `tool` held (recorded, counted once an editor checks it)?"""
    return bool(my_votes) and my_votes.is_held(tool)
