"""Admin building blocks every editable room shares: Markdown with a live preview, image
thumbnails, draft/scheduled/live state, and read-only history.

These live beside core.text (not in an app) so tools/, the ground floor, can use them
without importing another app. The preview endpoint itself is desk.views.markdown_preview.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.widgets import AdminFileWidget, AdminSplitDateTime
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.images import MAX_SIDE, MAX_UPLOAD_BYTES, SafeImageField
from core.publishing import PublishStatus, desk_datetime, published_filter, scheduled_filter
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


def save_formset_through(formset, save_row) -> None:
    """Save an inline formset's rows one at a time through `save_row` (a service), so inline
    edits take the same write path as single ones; deleted rows go as Django deletes them."""
    rows = formset.save(commit=False)
    for row in formset.deleted_objects:
        row.delete()
    for row in rows:
        save_row(row)
    formset.save_m2m()


class ReadOnlyAdminMixin:
    """For ModelAdmins and inlines over rows only a service writes (history, tallies, logs):
    shown, never added or edited by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class HistoryInline(ReadOnlyAdminMixin, admin.TabularInline):
    """A read-only history table on its owner's page: every field in `fields` shown, none
    editable, no blank rows, no delete boxes."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class ReadOnlyModelAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A list of rows nobody adds, edits or deletes by hand."""

    def has_delete_permission(self, request, obj=None):
        return False


class VisibilityFilter(admin.SimpleListFilter):
    title = "visible to readers"
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("scheduled", "Scheduled"), ("draft", "Draft")]

    def queryset(self, request, queryset):
        now = timezone.now()
        return {
            "live": queryset.filter(published_filter(at=now)),
            "scheduled": queryset.filter(scheduled_filter(at=now)),
            "draft": queryset.filter(status=PublishStatus.DRAFT),
        }.get(self.value(), queryset)


class PublicationForm(forms.ModelForm):
    """Draft, publish now, or publish at a set time: an explicit choice, Draft for anything new.

    Replaces the raw status field on every publishable admin form (a page or an inline row).
    """

    publication = forms.ChoiceField(
        label="Readers see it",
        choices=[
            ("draft", "Not yet (draft)"),
            ("now", "Now (published)"),
            ("at", "From the time below (scheduled)"),
        ],
        initial="draft",
        widget=forms.RadioSelect(attrs={"class": "publication-choice"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "published_at" in self.fields:
            self.fields["published_at"].required = False
        if self.instance.pk is not None:
            self.initial["publication"] = publication_choice(self.instance)

    def clean(self):
        cleaned = super().clean()
        choice, when = cleaned.get("publication"), cleaned.get("published_at")
        now = timezone.now()
        if choice == "draft":
            self.instance.status = PublishStatus.DRAFT
            cleaned["published_at"] = when or self.instance.published_at or now
        elif choice == "now":
            # Already live: its first date stands. Otherwise it goes public this moment.
            live_since = self.instance.published_at if self.instance.is_public else None
            self.instance.status = PublishStatus.PUBLISHED
            cleaned["published_at"] = live_since if self.instance.pk and live_since else now
        elif choice == "at":
            if when is None:
                self.add_error("published_at", "Give the date and time it should go public.")
            elif when <= now and not (
                self.instance.is_public and when == self.instance.published_at
            ):
                self.add_error(
                    "published_at",
                    "That time has passed: choose “Now”, or a time still to come.",
                )
            self.instance.status = PublishStatus.PUBLISHED
        return cleaned


def publication_choice(item) -> str:
    if item.status == PublishStatus.DRAFT:
        return "draft"
    return "at" if item.is_scheduled else "now"


class PublishableAdminMixin:
    """Draft / scheduled / live at a glance, and bulk publish, schedule or withdraw.

    Bulk actions write through the model's services (each ModelAdmin's `publish_rows` and
    `withdraw_rows`), so history and the page-cache stamps move with them; messages count
    what actually changed.
    """

    actions = ["publish_now", "publish_at", "return_to_draft"]
    form = PublicationForm

    def publish_rows(self, queryset, *, at, editor):
        """Call the model's publishing service; returns a PublicationOutcome."""
        raise NotImplementedError

    def withdraw_rows(self, queryset, *, editor):
        """Call the model's withdrawing service; returns a PublicationOutcome."""
        raise NotImplementedError

    @admin.display(description="visible to readers")
    def visibility(self, obj) -> str:
        return obj.not_public_label or "Live"

    @admin.action(description="Publish selected now", permissions=["change"])
    def publish_now(self, request, queryset):
        outcome = self.publish_rows(queryset, at=None, editor=request.user)
        self._report(request, outcome, "published now", "already live")

    @admin.action(description="Publish selected at a set time…", permissions=["change"])
    def publish_at(self, request, queryset):
        form = ScheduleForm(request.POST if "schedule" in request.POST else None)
        if form.is_bound and form.is_valid():
            outcome = self.publish_rows(queryset, at=form.cleaned_data["at"], editor=request.user)
            when = desk_datetime(form.cleaned_data["at"])
            self._report(
                request, outcome, f"scheduled for {when}", "already live or scheduled then"
            )
            return None
        opts, count = self.model._meta, len(queryset)
        return TemplateResponse(
            request,
            "admin/publish_at.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Publish {count} {model_ngettext(opts, count)} at a set time",
                "opts": opts,
                "form": form,
                "items": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media + form.media,
            },
        )

    @admin.action(description="Return selected to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        outcome = self.withdraw_rows(queryset, editor=request.user)
        self._report(
            request, outcome, "returned to draft; readers no longer see them", "already drafts"
        )

    def _report(self, request, outcome, done: str, already: str) -> None:
        opts = self.model._meta
        message = f"{outcome.changed} {model_ngettext(opts, outcome.changed)} {done}."
        if outcome.unchanged:
            message += f" {outcome.unchanged} left as they were ({already})."
        level = messages.SUCCESS if outcome.changed else messages.WARNING
        self.message_user(request, message, level)


class ScheduleForm(forms.Form):
    at = forms.SplitDateTimeField(
        label="Go public at",
        widget=AdminSplitDateTime,
        help_text="In the site's time zone. Items already live keep their date.",
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError(
                "That time has passed: use “Publish selected now”, or a time still to come."
            )
        return at
