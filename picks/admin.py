from __future__ import annotations

from django.contrib import admin

from picks.models import CategoryRanking, PairTally, PickNetworkDay
from picks.services import release_held_picks, void_held_picks
from votes.admin import HeldGroupAdmin


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
    list_display = [
        "tool_a",
        "tool_b",
        "a_count",
        "b_count",
        "neither_count",
        "held_a_count",
        "held_b_count",
        "held_neither_count",
        "updated_at",
    ]
    list_select_related = ["tool_a", "tool_b"]


@admin.register(CategoryRanking)
class CategoryRankingAdmin(ReadOnlyAdmin):
    list_display = ["category", "fitted_at", "decisive_picks", "neither_picks"]
    list_select_related = ["category"]


@admin.register(PickNetworkDay)
class HeldPickGroupAdmin(HeldGroupAdmin):
    """The review queue for picks, as for votes: held picks grouped by network, pair and day,
    decided a group at a time through picks.services (tallies, the public moderation log and
    page stamps move together)."""

    noun = "pick"
    list_display = ["pair", "day", "held_picks", "time_spread", "split", "counted_before"]
    list_filter = ["day"]
    fields = ["pair", "day", "held_picks", "time_spread", "split", "counted_before"]
    readonly_fields = fields
    actions = ["release_groups", "void_groups"]
    ordering = ["-day"]

    def get_queryset(self, request):
        return PickNetworkDay.objects.needs_review()

    @admin.display(description="pair")
    def pair(self, group) -> str:
        return f"{group.tool_a.name} vs {group.tool_b.name}"

    @admin.display(description="held", ordering="held_count")
    def held_picks(self, group) -> int:
        return group.held_count

    @admin.display(description="split")
    def split(self, group) -> str:
        return (
            f"{group.held_a} {group.tool_a.name} · {group.held_b} {group.tool_b.name} · "
            f"{group.held_neither} neither"
        )

    @admin.action(description="Release: count the held picks of the selected groups")
    def release_groups(self, request, queryset):
        self._decide(request, queryset, release_held_picks, "released")

    @admin.action(description="Void: never count the held picks of the selected groups")
    def void_groups(self, request, queryset):
        self._decide(request, queryset, void_held_picks, "voided")
