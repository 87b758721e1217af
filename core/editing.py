"""Admin building blocks every editable room shares: Markdown with a live preview, image
thumbnails, and draft/scheduled/live state.

These live beside core.text (not in an app) so tools/, the ground floor, can use them
without importing another app. The preview endpoint itself is desk.views.markdown_preview.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.images import MAX_SIDE, MAX_UPLOAD_BYTES, SafeImageField
from core.publishing import PublishStatus
from core.text import render_markdown

IMAGE_RULES = (
    f"PNG, JPEG or WebP (judged by content, not name), at most "
    f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB and {MAX_SIDE} × {MAX_SIDE} pixels. "
    "It is re-encoded without metadata and shown square."
)


def preview_fragment(source: str) -> str:
    """The preview box's content: exactly what the public page will show."""
    return render_to_string("desk/_markdown_preview.html", {"html": render_markdown(source)})


class MarkdownTextarea(forms.Textarea):
    """A textarea with a sanitised preview underneath, refreshed through htmx as you type.

    Without JavaScript the box shows the text as last loaded; the form still saves as usual.
    """

    def __init__(self, attrs=None):
        super().__init__({"rows": 8, **(attrs or {})})

    def _htmx_attrs(self) -> dict[str, str]:
        # hx-params="none": static/js/editors-desk.js sends only the text and the CSRF token.
        return {
            "hx-post": reverse("markdown_preview"),
            "hx-params": "none",
            "hx-target": "next .markdown-preview__output",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
            "data-markdown-preview": "",
        }

    def render(self, name, value, attrs=None, renderer=None):
        htmx = self._htmx_attrs()
        textarea = super().render(
            name, value, {**(attrs or {}), **htmx, "hx-trigger": "input changed delay:600ms"},
            renderer,
        )  # fmt: skip
        button_attrs = format_html(
            'hx-post="{}" hx-params="none" hx-target="{}" hx-swap="innerHTML"',
            htmx["hx-post"],
            htmx["hx-target"],
        )
        return format_html(
            '<div class="markdown-field">{textarea}'
            '<div class="markdown-preview">'
            '<div class="markdown-preview__bar">'
            '<button type="button" class="button markdown-preview__button" data-markdown-preview '
            "{button_attrs}>Preview</button>"
            '<span class="markdown-preview__note">Sanitised exactly as readers will see it.</span>'
            "</div>"
            '<div class="markdown-preview__output prose" aria-live="polite">{preview}</div>'
            "</div></div>",
            textarea=textarea,
            button_attrs=button_attrs,
            # Already sanitised by render_markdown (nh3 allow-list), like *_html on the site.
            preview=mark_safe(preview_fragment(value or "")),
        )


class ImagePreviewWidget(AdminFileWidget):
    """The admin file input, with the current picture's 2x thumbnail above it."""

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        if not (value and getattr(value, "name", "") and hasattr(value, "thumbnail_2x_url")):
            return field
        return format_html(
            '<div class="image-preview"><img class="image-preview__img" src="{}" alt="Current '
            'picture" width="112" height="112"></div>{}',
            value.thumbnail_2x_url,
            field,
        )


def thumbnail_cell(image) -> str:
    """A small thumbnail for a change list, or a dash."""
    if not image:
        return "—"
    return format_html(
        '<img class="admin-thumb" src="{}" alt="" width="32" height="32">', image.thumbnail_url
    )


class EditorsDeskMixin:
    """For ModelAdmins and inlines: Markdown fields get the previewing textarea, image fields
    their thumbnail and rules, and the page loads htmx and the desk's script as static files
    (the admin runs under the same CSP as the site: no inline script or style).
    """

    class Media:
        js = ("js/htmx.min.js", "js/editors-desk.js")
        css = {"all": ("css/editors-desk.css",)}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in getattr(self.model, "markdown_fields", {}):
            kwargs["widget"] = MarkdownTextarea
        if isinstance(db_field, SafeImageField):
            kwargs["widget"] = ImagePreviewWidget
            kwargs.setdefault("help_text", IMAGE_RULES)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class VisibilityFilter(admin.SimpleListFilter):
    title = "visible to readers"
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("scheduled", "Scheduled"), ("draft", "Draft")]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=PublishStatus.PUBLISHED)
        return {
            "live": published.filter(published_at__lte=now),
            "scheduled": published.filter(published_at__gt=now),
            "draft": queryset.filter(status=PublishStatus.DRAFT),
        }.get(self.value(), queryset)


class PublishableAdminMixin:
    """Draft / scheduled / live at a glance, and bulk publish or withdraw."""

    actions = ["publish_now", "return_to_draft"]

    @admin.display(description="visible to readers")
    def visibility(self, obj) -> str:
        return obj.not_public_label or "Live"

    @admin.action(description="Publish selected now", permissions=["change"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        waiting = queryset.exclude(status=PublishStatus.PUBLISHED, published_at__lte=now)
        count = waiting.update(status=PublishStatus.PUBLISHED, published_at=now)
        self.message_user(request, f"{count} published now.", messages.SUCCESS)

    @admin.action(description="Return selected to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        count = queryset.exclude(status=PublishStatus.DRAFT).update(status=PublishStatus.DRAFT)
        self.message_user(request, f"{count} returned to draft; readers no longer see them.")
