from __future__ import annotations

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from comparisons import machine, picker, share, views
from comparisons.feeds import LatestFeed
from comparisons.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("compare/", picker.compare_picker, name="compare_picker"),
    path("compare/suggest/", picker.picker_suggestions, name="compare_suggest"),
    path("compare/<compared_slugs:slugs>.json", machine.compare_json, name="compare_json"),
    path(
        "compare/<compared_slugs:slugs>/share.png",
        share.compare_share_image,
        name="compare_share_image",
    ),
    path("compare/<compared_slugs:slugs>/", views.compare, name="compare"),
    path("comparisons/", views.comparison_index, name="comparison_index"),
    path("tools/", views.tool_index, name="tool_index"),
    path("tools/<checked_slug:slug>/", views.tool_detail, name="tool_detail"),
    path("tools/<checked_slug:slug>/share.png", share.tool_share_image, name="tool_share_image"),
    path("categories/<checked_slug:slug>/", views.category_detail, name="category_detail"),
    path("search/", views.search_page, name="search"),
    path("feed/", LatestFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", machine.robots_txt, name="robots_txt"),
]
