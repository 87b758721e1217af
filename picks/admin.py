from __future__ import annotations

from django.contrib import admin

from picks.models import CategoryRanking, PairTally


class ReadOnlyAdmin(admin.ModelAdmin):
    """Tallies move only through picks/services.py and rankings only through fits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PairTally)
class PairTallyAdmin(ReadOnlyAdmin):
    list_display = ["tool_a", "tool_b", "a_count", "b_count", "neither_count", "updated_at"]
    list_select_related = ["tool_a", "tool_b"]


@admin.register(CategoryRanking)
class CategoryRankingAdmin(ReadOnlyAdmin):
    list_display = ["category", "fitted_at", "decisive_picks", "neither_picks"]
    list_select_related = ["category"]
