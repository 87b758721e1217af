from __future__ import annotations

from django.contrib import admin

from comparisons.models import Comparison


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["title", "tool_a", "tool_b", "status", "is_featured", "published_at"]
    list_filter = ["status", "is_featured"]
    search_fields = ["title", "tool_a__name", "tool_b__name"]
    autocomplete_fields = ["tool_a", "tool_b"]
    list_select_related = ["tool_a", "tool_b"]
