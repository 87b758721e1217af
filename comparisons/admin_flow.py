"""The new-comparison page: 2 to 4 tools, a suggested title, each tool's "ship it if…" line and
the panel grid (every verdict's state, missing ones entered in place), saved together.

/admin/comparisons/comparison/new/?tool=<id>&tool=<id> (the tool list's "Start a comparison"
action leads here). One plain POST writes the comparison through comparisons.services and the
verdicts through verdicts.services, in one transaction.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from comparisons import services
from comparisons.models import Comparison
from core.publishing import PublishStatus
from verdicts.admin_grid import new_row_count, pick_tools_page, picked_tools
from verdicts.grid import build_grid
from verdicts.services import enter_verdicts


class NewComparisonForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="Suggested from the tools' names.")
    bottom_line = forms.CharField(
        max_length=200,
        required=False,
        help_text="The answer in one sentence, shown first on the page. Plain text.",
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown. Which one should you ship with, and when?",
    )
    publication = forms.ChoiceField(
        label="Readers see the comparison and the new verdicts",
        choices=[("draft", "Not yet (drafts)"), ("now", "Now (published)")],
        initial="draft",
        widget=forms.RadioSelect(attrs={"class": "publication-choice"}),
    )

    def __init__(self, *args, tools, **kwargs):
        super().__init__(*args, **kwargs)
        self.tools = tools
        self.fields["title"].initial = " vs ".join(tool.name for tool in tools)
        for tool in tools:
            self.fields[f"ship_if_{tool.pk}"] = forms.CharField(
                label=f"Ship {tool.name} if…",
                max_length=300,
                required=False,
                help_text="One sentence: when to ship this tool.",
            )

    def ship_if_fields(self):
        return [self[f"ship_if_{tool.pk}"] for tool in self.tools]

    def lineup(self):
        return [(tool, self.cleaned_data[f"ship_if_{tool.pk}"].strip()) for tool in self.tools]


def create_comparison(*, form, grid, editor) -> Comparison:
    """The comparison and the grid's verdicts (and new reviewers), all or nothing."""
    publish = form.cleaned_data["publication"] == "now"
    with transaction.atomic():
        comparison = Comparison(
            title=form.cleaned_data["title"],
            bottom_line=form.cleaned_data["bottom_line"],
            summary=form.cleaned_data["summary"],
            status=PublishStatus.PUBLISHED if publish else PublishStatus.DRAFT,
            published_at=timezone.now(),
        )
        services.set_lineup(comparison, form.lineup())
        enter_verdicts(
            entries=grid.entries(),
            new_reviewers=grid.new_reviewers(),
            publish=publish,
            editor=editor,
        )
    return comparison


class NewComparisonMixin:
    """For the comparison ModelAdmin."""

    def get_urls(self):
        extra = [
            path(
                "new/",
                self.admin_site.admin_view(self.new_comparison_view),
                name="comparisons_comparison_new",
            )
        ]
        return extra + super().get_urls()

    def new_comparison_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        params = request.POST if request.method == "POST" else request.GET
        tools = picked_tools(params)
        if tools is None:
            return pick_tools_page(
                self, request, "admin/comparisons/new.html", title="New comparison: pick the tools"
            )
        problem = services.lineup_problem(tools)
        if problem:
            self.message_user(request, problem, messages.WARNING)
            return redirect("admin:comparisons_comparison_changelist")
        new_rows, status = new_row_count(params), 200
        if request.method == "POST":
            form = NewComparisonForm(request.POST, tools=tools)
            grid = build_grid(tools, data=request.POST, new_rows=new_rows)
            if all([form.is_valid(), grid.is_valid()]):
                try:
                    comparison = create_comparison(form=form, grid=grid, editor=request.user)
                except ValidationError as refused:
                    form.add_error(None, refused)
                else:
                    state = "published" if comparison.is_public else "saved as a draft"
                    self.message_user(
                        request,
                        f"“{comparison.title}” {state}, with {len(grid.entries())} new "
                        f"verdict{'s' if len(grid.entries()) != 1 else ''}.",
                        messages.SUCCESS,
                    )
                    return redirect("admin:comparisons_comparison_change", comparison.pk)
            status = 400
        else:
            form = NewComparisonForm(tools=tools)
            grid = build_grid(tools, new_rows=new_rows)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "New comparison: " + " vs ".join(tool.name for tool in tools),
            "form": form,
            "grid": grid,
            "new_rows": new_rows,
            "has_errors": status == 400,
            "media": self.media,
            "grid_url": reverse("admin:verdicts_verdict_grid"),
        }
        return TemplateResponse(request, "admin/comparisons/new.html", context, status=status)
