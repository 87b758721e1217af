from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from core.editing import EditorsDeskMixin, HistoryInline, save_formset_through, thumbnail_cell
from tools.models import Category, PriceChange, PricingTier, Tool
from tools.services import save_pricing_tier, save_tool

COMPARED_AT_ONCE = (2, 4)


class ToolForm(forms.ModelForm):
    """The tool form, with a category made on the spot when the list lacks the right one."""

    new_category = forms.CharField(
        label="or a new category",
        required=False,
        max_length=80,
        help_text="Type a name to create the category with the tool.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:
            self.fields["category"].required = False

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("new_category") or "").strip()
        cleaned["new_category"] = name
        if name and cleaned.get("category"):
            self.add_error("new_category", "Choose a category or name a new one, not both.")
        elif not name and not cleaned.get("category") and "category" not in self.errors:
            self.add_error("category", "Choose a category, or name a new one below.")
        return cleaned


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class PricingTierInline(admin.TabularInline):
    model = PricingTier
    extra = 1
    fields = ["name", "price", "currency", "billing_unit", "notes", "last_checked", "position"]


class PriceChangeInline(HistoryInline):
    """Dated price history, read-only: written when a tier's price is saved with a new value."""

    model = PriceChange
    fields = ["changed_on", "tier_name", "old_label", "new_label", "billing_unit"]
    verbose_name_plural = "price history"


@admin.register(Tool)
class ToolAdmin(EditorsDeskMixin, admin.ModelAdmin):
    """A tool's card. verdicts.admin adds the panel's verdicts inline (tools imports no app)."""

    list_display = [
        "logo_thumbnail", "name", "category", "vendor", "entry_price_label", "license_name",
        "updated_at",
    ]  # fmt: skip
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = ["category", "license_is_open_source", "license_name"]
    list_select_related = ["category"]
    search_fields = ["name", "slug", "tagline", "vendor", "description"]
    prepopulated_fields = {"slug": ["name"]}
    save_on_top = True
    form = ToolForm
    actions = ["compare_selected"]
    inlines = [PricingTierInline, PriceChangeInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    ("category", "new_category"),
                    "vendor",
                    "tagline",
                    "current_version",
                ]
            },
        ),  # fmt: skip
        ("Card", {"fields": ["logo", "description"]}),
        (
            "Licence and price",
            {"fields": ["license_name", "license_is_open_source", "entry_price_label"]},
        ),  # fmt: skip
        ("Links", {"fields": ["homepage_url", "download_url", "docs_url"]}),
    ]

    @admin.display(description="logo")
    def logo_thumbnail(self, tool: Tool) -> str:
        return thumbnail_cell(tool.logo)

    def save_model(self, request, obj, form, change):
        save_tool(tool=obj, new_category=form.cleaned_data.get("new_category", ""))

    @admin.action(description="Start a comparison of the selected tools (2 to 4)")
    def compare_selected(self, request, queryset):
        low, high = COMPARED_AT_ONCE
        picked = list(queryset.order_by("name").values_list("pk", flat=True))
        if not low <= len(picked) <= high:
            self.message_user(
                request,
                f"Select {low} to {high} tools; you selected {len(picked)}.",
                messages.ERROR,
            )
            return None
        # The new-comparison page belongs to the comparisons app, one floor up: named, not imported.
        query = urlencode({"tool": picked}, doseq=True)
        return redirect(f"{reverse('admin:comparisons_comparison_new')}?{query}")

    def save_formset(self, request, form, formset, change):
        if formset.model is not PricingTier:
            return super().save_formset(request, form, formset, change)
        save_formset_through(formset, lambda tier: save_pricing_tier(tier=tier))
