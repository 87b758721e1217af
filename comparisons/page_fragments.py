"""The parts of the comparison and tool pages that move with votes (core/fragments.py).

The pages are cached under what editors change; these parts are cached apart, each under the
stamps of the tools it shows (tools/stamps.py: their editors' stamp and their votes stamp). So a
vote on one tool re-renders the few small fragments that show that tool's figures, never a
page, and never another tool's fragments.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.html import escape

from comparisons import share
from comparisons.board import ToolColumn
from comparisons.rankings import figures_of
from core.fragments import fragment
from core.stamps import PICKS
from tools.models import Tool
from tools.stamps import tool_stamp, votes_stamp
from votes.figures import community_figure_for


def _stamps_of_tool(*, tool: str) -> list[str]:
    return [tool_stamp(tool), votes_stamp(tool)]


def _stamps_of_tools(*, tools: list[str], **arguments) -> list[str]:
    return [name for slug in tools for name in _stamps_of_tool(tool=slug)]


def _stamps_of_share_image(*, tools: list[str], origin: str) -> list[str]:
    # A two-tool image also carries the head-to-head line (picks/figures.py share_line).
    picks = [PICKS] if len(tools) == 2 else []
    return _stamps_of_tools(tools=tools) + picks


def _tool_with_tally(slug: str) -> Tool | None:
    return Tool.objects.select_related("tally").filter(slug=slug).first()


@fragment("community_cell", keyed_by=_stamps_of_tool)
def community_cell(*, tool: str) -> str:
    """A tool card's community figure (the same partial an htmx vote swaps in)."""
    found = _tool_with_tally(tool)
    if found is None:
        return ""
    context = {"tool": found, "community": community_figure_for(found)}
    return render_to_string("comparisons/compare.html#community_cell", context)


@fragment("disagreement", keyed_by=_stamps_of_tool)
def disagreement(*, tool: str) -> str:
    """The sentence a tool card gives when voters and reviewers are far apart (it quotes both
    shares), or nothing."""
    found = figures_of([tool])
    if not found:
        return ""
    row = found[0]
    column = ToolColumn(tool=row.tool, panel=row.panel, community=row.community)
    return render_to_string("comparisons/compare.html#disagreement", {"column": column})


@fragment("verified_figure", keyed_by=_stamps_of_tool)
def verified_figure(*, tool: str) -> str:
    """A tool card's verified figure (votes confirmed by e-mail)."""
    found = _tool_with_tally(tool)
    if found is None:
        return ""
    return render_to_string("votes/_verified_figure.html", {"tool": found})


@fragment("social_figures", keyed_by=_stamps_of_share_image)
def social_figures(*, tools: list[str], origin: str) -> str:
    """og:description and og:image of a comparison: its figures in words, and its share
    image's address, versioned by what the image draws."""
    found = figures_of(tools)
    context = {"rows": found, "image_url": share.image_url_for(origin, found) if found else ""}
    return render_to_string("comparisons/_social_figures.html", context)


@fragment("share_image_url", keyed_by=_stamps_of_share_image)
def share_image_url(*, tools: list[str], origin: str) -> str:
    """The absolute address of the tools' share image, versioned by what it draws."""
    found = figures_of(tools)
    return escape(share.image_url_for(origin, found)) if found else ""


def register() -> None:
    """Called once at start-up (comparisons/apps.py): the decorators above ran on import."""
