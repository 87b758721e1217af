"""Every public page for /sitemap.xml: fixed pages, comparisons, tools, categories, reviewers.

Each section costs two queries (a count and its rows; comparisons a third, their tools),
whatever the number of rows.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch
from django.urls import reverse

from comparisons.models import Comparison, ComparisonTool
from tools.models import Category, Tool
from verdicts.sitemaps import ReviewerSitemap


class FixedPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "comparison_index",
            "tool_index",
            "reviewer_list",
            "compare_picker",
            "methodology",
            "about",
            "corrections",
            "privacy",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ComparisonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return (
            Comparison.objects.published()
            .only("updated_at")
            .prefetch_related(
                Prefetch(
                    "entries",
                    queryset=ComparisonTool.objects.select_related("tool").only(
                        "comparison_id", "position", "tool__slug"
                    ),
                )
            )
            .order_by("id")
        )

    def lastmod(self, item: Comparison):
        return item.updated_at


class ToolSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Tool.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, item: Tool):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.order_by("id")


SITEMAPS = {
    "pages": FixedPagesSitemap,
    "comparisons": ComparisonSitemap,
    "tools": ToolSitemap,
    "categories": CategorySitemap,
    "reviewers": ReviewerSitemap,
}
