from __future__ import annotations

from django import forms
from django.contrib import admin

from comparisons import services
from comparisons.admin_flow import NewComparisonMixin
from comparisons.models import MAX_TOOLS, MIN_TOOLS, Comparison, ComparisonTool
from comparisons.services import publish_comparisons, withdraw_comparisons
from core.editing import EditorsDeskMixin, PublishableAdminMixin, VisibilityFilter, desk_datetime


class LineupFormSet(forms.BaseInlineFormSet):
    """The compared tools as one rule (comparisons.services.lineup_problem), checked before
    anything is saved so the editor sees the reason beside the form."""

    def kept_forms(self) -> list:
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("tool")
        ]
        return sorted(kept, key=lambda form: form.cleaned_data["position"])

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        tools = [form.cleaned_data["tool"] for form in self.kept_forms()]
        problem = services.lineup_problem(tools, comparison=self.instance)
        if problem:
            raise forms.ValidationError(problem)

    def save(self, commit=True):
        # Through the service, so the key and the positions are written together; the admin's
        # history message then says "Changed compared tools".
        lineup = [(f.cleaned_data["tool"], f.cleaned_data["ship_if"]) for f in self.kept_forms()]
        services.set_lineup(self.instance, lineup)
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return list(self.instance.entries.all())


class ComparisonToolInline(admin.TabularInline):
    model = ComparisonTool
    formset = LineupFormSet
    fields = ["position", "tool", "ship_if"]
    autocomplete_fields = ["tool"]
    min_num = MIN_TOOLS
    max_num = MAX_TOOLS
    extra = 0
    validate_min = validate_max = True


@admin.register(Comparison)
class ComparisonAdmin(
    NewComparisonMixin, EditorsDeskMixin, PublishableAdminMixin, admin.ModelAdmin
):
    list_display = ["title", "compared_tools", "visibility", "is_featured", "published"]
    list_filter = [VisibilityFilter, "is_featured"]
    search_fields = ["title", "entries__tool__name", "summary"]
    date_hierarchy = "published_at"
    save_on_top = True
    fields = ["title", "bottom_line", "summary", "is_featured", "publication", "published_at"]
    inlines = [ComparisonToolInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_lineup()

    @admin.display(description="Tools")
    def compared_tools(self, obj: Comparison) -> str:
        return obj.names

    def publish_rows(self, queryset, *, at, editor):
        return publish_comparisons(comparisons=queryset, at=at, editor=editor)

    def withdraw_rows(self, queryset, *, editor):
        return withdraw_comparisons(comparisons=queryset, editor=editor)

    @admin.display(description="publish at", ordering="published_at")
    def published(self, comparison: Comparison) -> str:
        return desk_datetime(comparison.published_at)
