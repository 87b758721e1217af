from __future__ import annotations

from django.contrib import admin

from comparisons.models import Comparison
from core.editing import EditorsDeskMixin, PublishableAdminMixin, VisibilityFilter


@admin.register(Comparison)
class ComparisonAdmin(EditorsDeskMixin, PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["title", "tool_a", "tool_b", "visibility", "is_featured", "published_at"]
    list_filter = [VisibilityFilter, "is_featured"]
    search_fields = ["title", "tool_a__name", "tool_b__name", "summary"]
    autocomplete_fields = ["tool_a", "tool_b"]
    list_select_related = ["tool_a", "tool_b"]
    date_hierarchy = "published_at"
    save_on_top = True
    fields = ["title", "tool_a", "tool_b", "summary", "is_featured", "status", "published_at"]
