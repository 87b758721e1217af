from __future__ import annotations

from django.contrib import admin
from django.db.models import Count

from core.editing import (
    EditorsDeskMixin,
    HistoryInline,
    PublicationForm,
    PublishableAdminMixin,
    ReadOnlyModelAdmin,
    VisibilityFilter,
    desk_datetime,
    save_formset_through,
    thumbnail_cell,
)
from tools.admin import ToolAdmin
from tools.models import Tool
from verdicts.admin_grid import VerdictGridMixin
from verdicts.admin_import import VerdictImportMixin
from verdicts.models import Reviewer, Verdict, VerdictChange, VerdictPublication
from verdicts.services import publish_verdicts, save_verdict, withdraw_verdicts


@admin.register(Reviewer)
class ReviewerAdmin(EditorsDeskMixin, admin.ModelAdmin):
    list_display = ["avatar_thumbnail", "name", "title", "lens", "verdict_count", "display_order"]
    list_display_links = ["avatar_thumbnail", "name"]
    list_editable = ["display_order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "title", "lens"]
    fields = ["name", "slug", "title", "lens", "bio", "avatar", "display_order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(verdict_total=Count("verdicts"))

    @admin.display(description="avatar")
    def avatar_thumbnail(self, reviewer: Reviewer) -> str:
        return thumbnail_cell(reviewer.avatar)

    @admin.display(description="verdicts", ordering="verdict_total")
    def verdict_count(self, reviewer: Reviewer) -> int:
        return reviewer.verdict_total


class VerdictChangeInline(HistoryInline):
    """The decision history, read-only: it is written by save_verdict, never by hand."""

    model = VerdictChange
    fields = ["changed_at", "from_decision", "to_decision", "changed_by", "was_public"]
    ordering = ["-changed_at", "-id"]
    verbose_name_plural = "decision history"


class VerdictPublicationInline(HistoryInline):
    """When the verdict was published, scheduled or withdrawn, and by whom: read-only."""

    model = VerdictPublication
    fields = ["changed_at", "description", "published_at", "changed_by"]
    ordering = ["-changed_at", "-id"]
    verbose_name_plural = "publication history"


@admin.register(Verdict)
class VerdictAdmin(
    VerdictGridMixin, VerdictImportMixin, EditorsDeskMixin, PublishableAdminMixin, admin.ModelAdmin
):
    list_display = [
        "tool", "reviewer", "decision", "version", "visibility", "published", "updated",
    ]  # fmt: skip
    list_filter = [VisibilityFilter, "decision", "reviewer", "tool__category"]
    search_fields = ["tool__name", "reviewer__name", "body"]
    autocomplete_fields = ["tool", "reviewer"]
    list_select_related = ["tool", "reviewer"]
    date_hierarchy = "published_at"
    save_on_top = True
    fields = [
        "tool",
        "reviewer",
        "decision",
        "version",
        "headline",
        "body",
        "publication",
        "published_at",
    ]
    inlines = [VerdictChangeInline, VerdictPublicationInline]

    def save_model(self, request, obj, form, change):
        save_verdict(verdict=obj, editor=request.user)

    def publish_rows(self, queryset, *, at, editor):
        return publish_verdicts(verdicts=queryset, at=at, editor=editor)

    def withdraw_rows(self, queryset, *, editor):
        return withdraw_verdicts(verdicts=queryset, editor=editor)

    @admin.display(description="publish at", ordering="published_at")
    def published(self, verdict: Verdict) -> str:
        return desk_datetime(verdict.published_at)

    @admin.display(description="last edited", ordering="updated_at")
    def updated(self, verdict: Verdict) -> str:
        return desk_datetime(verdict.updated_at)


@admin.register(VerdictChange)
class VerdictChangeAdmin(ReadOnlyModelAdmin):
    """Every change of decision across the panel, newest first; nobody edits history."""

    list_display = ["changed_at", "verdict", "from_decision", "to_decision", "changed_by"]
    list_filter = ["to_decision", "was_public", "verdict__reviewer"]
    list_select_related = ["verdict__tool", "verdict__reviewer", "changed_by"]
    search_fields = ["verdict__tool__name", "verdict__reviewer__name"]
    date_hierarchy = "changed_at"


class VerdictInline(EditorsDeskMixin, admin.StackedInline):
    """The panel on the tool's page: one row per reviewer (the database refuses a second)."""

    model = Verdict
    form = PublicationForm
    extra = 0
    # Grouped on lines so a row stays compact; the panel grid is the place for many at once.
    fields = [("reviewer", "decision", "version"), "body", ("publication", "published_at")]
    show_change_link = True

    def get_max_num(self, request, obj=None, **kwargs):
        return Reviewer.objects.count()


class ToolWithPanelAdmin(ToolAdmin):
    """The tool admin from tools/, plus its verdicts (verdicts stands on tools, not vice versa)."""

    inlines = [*ToolAdmin.inlines, VerdictInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Verdict:
            return super().save_formset(request, form, formset, change)
        save_formset_through(
            formset, lambda verdict: save_verdict(verdict=verdict, editor=request.user)
        )


admin.site.unregister(Tool)
admin.site.register(Tool, ToolWithPanelAdmin)
