"""A large catalogue built with bulk_create, for query budgets that must not grow with the data."""

from __future__ import annotations

from dataclasses import dataclass

from comparisons.models import Comparison, ComparisonTool, lineup_key
from core.publishing import PublishStatus
from core.text import plain_text, render_markdown
from tools.models import Category, PricingTier, Tool
from verdicts.models import Reviewer, Verdict
from votes.models import VoteTally


@dataclass
class Catalogue:
    categories: list[Category]
    tools: list[Tool]
    reviewers: list[Reviewer]
    comparisons: list[Comparison]
    verdict_count: int


def build_catalogue(
    *, tools: int = 60, reviewers: int = 20, reviewed_tools: int = 30, categories: int = 5
) -> Catalogue:
    """`tools` tools in `categories` categories, 3 pricing tiers each, tallies on two thirds of
    them, every reviewer's verdict on the first `reviewed_tools` tools, and a published
    comparison (every third one featured) for each consecutive pair of tools."""
    cats = Category.objects.bulk_create(
        [Category(name=f"Category {i}", slug=f"category-{i}") for i in range(categories)]
    )
    description = "A **useful** tool that ships code reviews, agents and search."
    tool_rows = Tool.objects.bulk_create(
        [
            Tool(
                name=f"Tool {i:03d}",
                slug=f"tool-{i:03d}",
                category=cats[i % categories],
                vendor=f"Vendor {i % 7}",
                tagline=f"Tool {i:03d} ships fast agents",
                description=description,
                description_html=render_markdown(description),
                entry_price_label="Free",
            )
            for i in range(tools)
        ]
    )
    PricingTier.objects.bulk_create(
        [
            PricingTier(tool=tool, name=f"Tier {n}", price=10 * n, position=n)
            for tool in tool_rows
            for n in range(3)
        ]
    )
    VoteTally.objects.bulk_create(
        [
            VoteTally(tool=tool, ship_count=(i * 7) % 50, skip_count=(i * 3) % 20 + 1)
            for i, tool in enumerate(tool_rows[: tools * 2 // 3])
        ]
    )
    panel = Reviewer.objects.bulk_create(
        [
            Reviewer(
                name=f"Reviewer {r:02d}",
                slug=f"reviewer-{r:02d}",
                title="The Builder",
                lens="Judges the primitive and the developer experience.",
                bio="Ships things.",
                display_order=r,
            )
            for r in range(reviewers)
        ]
    )
    body = "This agent ships: the search is good and the code review is honest."
    verdicts = Verdict.objects.bulk_create(
        [
            Verdict(
                tool=tool,
                reviewer=reviewer,
                decision="ship" if (r + t) % 3 else "skip",
                body=body,
                body_html=render_markdown(body),
                body_text=plain_text(render_markdown(body)),
                status=PublishStatus.PUBLISHED,
            )
            for r, reviewer in enumerate(panel)
            for t, tool in enumerate(tool_rows[:reviewed_tools])
        ]
    )
    summary = "Ship with the first for agents, the second for search."
    comparisons = Comparison.objects.bulk_create(
        [
            Comparison(
                lineup_key=lineup_key([tool_rows[i].pk, tool_rows[i + 1].pk]),
                title=f"Tool {i} vs Tool {i + 1}",
                summary=summary,
                summary_html=render_markdown(summary),
                summary_text=plain_text(render_markdown(summary)),
                is_featured=i % 3 == 0,
                status=PublishStatus.PUBLISHED,
            )
            for i in range(0, tools - 1, 2)
        ]
    )
    ComparisonTool.objects.bulk_create(
        ComparisonTool(comparison=comparison, tool=tool_rows[2 * n + k], position=k + 1)
        for n, comparison in enumerate(comparisons)
        for k in (0, 1)
    )
    return Catalogue(cats, tool_rows, panel, comparisons, len(verdicts))
