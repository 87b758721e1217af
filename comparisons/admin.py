from __future__ import annotations

from django.contrib import admin

from comparisons.models import Comparison
from comparisons.services import publish_comparisons, withdraw_comparisons
from core.editing import EditorsDeskMixin, PublishableAdminMixin, VisibilityFilter, desk_datetime


@admin.register(Comparison)
class ComparisonAdmin(EditorsDeskMixin, PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["title", "tool_a", "tool_b", "visibility", "is_featured", "published"]
    list_filter = [VisibilityFilter, "is_featured"]
    search_fields = ["title", "tool_a__name", "tool_b__name", "summary"]
    autocomplete_fields = ["tool_a", "tool_b"]
    list_select_related = ["tool_a", "tool_b"]
    date_hierarchy = "published_at"
    save_on_top = True
    fields = ["title", "tool_a", "tool_b", "summary", "is_featured", "publication", "published_at"]

    def publish_rows(self, queryset, *, at, editor):
        return publish_comparisons(comparisons=queryset, at=at, editor=editor)

    def withdraw_rows(self, queryset, *, editor):
        return withdraw_comparisons(comparisons=queryset, editor=editor)

    @admin.display(description="publish at", ordering="published_at")
    def published(self, comparison: Comparison) -> str:
        return desk_datetime(comparison.published_at)
