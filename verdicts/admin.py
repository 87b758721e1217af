from __future__ import annotations

from django.contrib import admin

from verdicts.models import Reviewer, Verdict


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "lens", "display_order"]
    list_editable = ["display_order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "lens"]


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["tool", "reviewer", "decision", "status", "published_at"]
    list_filter = ["decision", "status", "reviewer", "tool__category"]
    search_fields = ["tool__name", "reviewer__name", "body"]
    autocomplete_fields = ["tool", "reviewer"]
    list_select_related = ["tool", "reviewer"]
