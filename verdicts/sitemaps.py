"""The reviewer pages, for the site map."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from verdicts.models import Reviewer


class ReviewerSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Reviewer.objects.order_by("id").only("slug")
