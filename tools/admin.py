from __future__ import annotations

from django.contrib import admin

from core.editing import EditorsDeskMixin, thumbnail_cell
from tools.models import Category, PricingTier, Tool


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class PricingTierInline(admin.TabularInline):
    model = PricingTier
    extra = 1
    fields = ["name", "price", "currency", "billing_unit", "notes", "position"]


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
    inlines = [PricingTierInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "vendor", "tagline"]}),
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
