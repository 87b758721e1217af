"""This visitor's own picks, read with the voter cookie that votes use (votes/voters.py)."""

from __future__ import annotations

from core.pagecache import renders_for_everyone
from picks.figures import pair_result
from picks.models import NEITHER, Pick, ordered_pair
from tools.models import Tool
from votes.flash import outcome_from, pick_subject
from votes.voters import voter_id_from


def own_pick(request, first: Tool, second: Tool) -> tuple[str, str]:
    """The visitor's pick on the pair as its form value (a slug or "neither") and its status
    (counted, held or voided); ("", "") for none.

    The copy of a page the page cache shares (core.pagecache.renders_for_everyone) shows
    nobody's pick; the visitor's own is filled in afterwards (comparisons/personal.py).
    """
    voter_id = voter_id_from(request)
    if voter_id is None or renders_for_everyone(request):
        return "", ""
    tool_a, tool_b = ordered_pair(first, second)
    row = (
        Pick.objects.filter(tool_a=tool_a, tool_b=tool_b, voter_id=voter_id)
        .values_list("picked_id", "status")
        .first()
    )
    if row is None:
        return "", ""
    return choice_value(row[0], [first, second]), row[1]


def choice_value(picked_id: int | None, tools: list[Tool]) -> str:
    """The form value for a pick: the picked tool's slug, or "neither"."""
    return next((tool.slug for tool in tools if tool.pk == picked_id), NEITHER)


def panel_context(
    request,
    first: Tool,
    second: Tool,
    *,
    mine=None,
    status=None,
    outcome="",
    notice="",
    counts=None,
):
    """What the pick panel shows: the pair's result and this visitor's pick, with its status
    (a held pick is said to be held, as a held vote is). Given `mine` without `status`, the
    status is read (one query)."""
    if mine is None:
        mine, status = own_pick(request, first, second)
    elif status is None:
        status = own_pick(request, first, second)[1] if mine else ""
    return {
        "result": pair_result(first, second, counts),
        "mine": mine,
        "mine_status": status,
        "outcome": outcome,
        "notice": notice,
    }


def shown_outcome(request, first: Tool, second: Tool) -> str:
    """What this visitor's pick on the pair just did, after a redirect without JavaScript
    (votes/flash.py); "" otherwise, and always in the copy everyone shares."""
    shown = outcome_from(request)
    if shown is None or renders_for_everyone(request):
        return ""
    return shown.outcome.value if shown.subject == pick_subject(first.pk, second.pk) else ""
