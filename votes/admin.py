from __future__ import annotations

from django.contrib import admin

from votes.models import VoteTally


@admin.register(VoteTally)
class VoteTallyAdmin(admin.ModelAdmin):
    """Read-only: tallies change only through votes (and `recount_votes`)."""

    list_display = ["tool", "ship_count", "skip_count", "updated_at"]
    list_select_related = ["tool"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
