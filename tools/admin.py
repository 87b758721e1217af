from __future__ import annotations

from django.contrib import admin

from tools.models import Category, PricingTier, Tool


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class PricingTierInline(admin.TabularInline):
    model = PricingTier
    extra = 1


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "vendor", "entry_price_label", "license_name", "updated_at"]
    list_filter = ["category", "license_is_open_source"]
    search_fields = ["name", "tagline", "vendor"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PricingTierInline]
