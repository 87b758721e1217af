from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def bar_step(percent: int | None) -> int:
    """Round a percentage to the 5% step that has a CSS width class (no inline styles under CSP)."""
    if percent is None:
        return 0
    return max(0, min(100, 5 * round(percent / 5)))


@register.filter
def choice_on(my_votes, tool) -> str:
    """This visitor's vote on `tool` ("ship", "skip"), or "" when they have none."""
    return (my_votes.choice_for(tool) or "") if my_votes else ""
