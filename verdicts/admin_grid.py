"""The admin's panel grid page: /admin/verdicts/verdict/grid/?tool=<id>&tool=<id>."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from tools.models import Tool
from verdicts.grid import build_grid
from verdicts.models import Reviewer
from verdicts.services import enter_verdicts

MIN_TOOLS, MAX_TOOLS, MAX_NEW_ROWS = 2, 4, 10


class ToolPickForm(forms.Form):
    tool = forms.ModelMultipleChoiceField(
        queryset=Tool.objects.order_by("name"),
        label="Tools",
        help_text="Two to four (hold Ctrl or ⌘ to pick several).",
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def clean_tool(self):
        tools = self.cleaned_data["tool"]
        if not MIN_TOOLS <= len(tools) <= MAX_TOOLS:
            raise forms.ValidationError(f"Pick two to four tools; you picked {len(tools)}.")
        return tools


class BatchPublicationForm(forms.Form):
    publication = forms.ChoiceField(
        label="The new verdicts are",
        choices=[("draft", "Drafts (not public yet)"), ("now", "Published now")],
        initial="draft",
        widget=forms.RadioSelect(attrs={"class": "publication-choice"}),
    )


def picked_tools(params) -> list[Tool] | None:
    """The tools named by `tool` parameters, in the order given; None if not 2 to 4 known."""
    form = ToolPickForm({"tool": params.getlist("tool")})
    if not form.is_valid():
        return None
    by_pk = {tool.pk: tool for tool in form.cleaned_data["tool"]}
    return [by_pk[int(pk)] for pk in dict.fromkeys(params.getlist("tool"))]


def pick_tools_page(model_admin, request, template: str, *, title: str) -> TemplateResponse:
    """Step one of the grid and of a new comparison: the pick-2-to-4-tools form (a 400 when a
    pick was sent and refused). The template includes admin/_pick_tools_form.html."""
    form = ToolPickForm(request.GET or None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "pick_form": form,
    }
    return TemplateResponse(request, template, context, status=400 if form.is_bound else 200)


def new_row_count(params) -> int:
    """Blank new-reviewer rows: as asked (?new=N), else 4 for an empty panel, else 1."""
    try:
        return max(0, min(MAX_NEW_ROWS, int(params.get("new", ""))))
    except ValueError:
        return 1 if Reviewer.objects.exists() else 4


def save_grid(request, grid, publication) -> str:
    """Write the grid's entries; return the message for the editor."""
    publish = publication.cleaned_data["publication"] == "now"
    new_reviewers = grid.new_reviewers()
    verdicts = enter_verdicts(
        entries=grid.entries(), new_reviewers=new_reviewers, publish=publish, editor=request.user
    )
    state = "published" if publish else "saved as drafts"
    message = f"{len(verdicts)} verdict{'s' if len(verdicts) != 1 else ''} {state}"
    if new_reviewers:
        message += f"; {len(new_reviewers)} reviewer{'s' if len(new_reviewers) != 1 else ''} added"
    return message + "."


class VerdictGridMixin:
    """For the verdict ModelAdmin: enter a panel's missing verdicts for 2 to 4 tools at once."""

    def get_urls(self):
        extra = [
            path("grid/", self.admin_site.admin_view(self.grid_view), name="verdicts_verdict_grid")
        ]
        return extra + super().get_urls()

    def grid_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        params = request.POST if request.method == "POST" else request.GET
        tools = picked_tools(params)
        if tools is None:
            return pick_tools_page(
                self, request, "admin/verdicts/grid.html", title="Enter verdicts: pick the tools"
            )
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        new_rows = new_row_count(params)
        status = 200
        if request.method == "POST":
            grid = build_grid(tools, data=request.POST, new_rows=new_rows)
            publication = BatchPublicationForm(request.POST)
            if publication.is_valid() and grid.is_valid():
                self.message_user(request, save_grid(request, grid, publication), messages.SUCCESS)
                query = urlencode({"tool": [tool.pk for tool in tools]}, doseq=True)
                return redirect(f"{reverse('admin:verdicts_verdict_grid')}?{query}")
            status = 400
        else:
            grid = build_grid(tools, new_rows=new_rows)
            publication = BatchPublicationForm()
        more = urlencode({"tool": [t.pk for t in tools], "new": new_rows + 2}, doseq=True)
        context.update(
            title="Panel verdicts: " + " vs ".join(tool.name for tool in tools),
            grid=grid,
            publication=publication,
            more_rows_url=f"{reverse('admin:verdicts_verdict_grid')}?{more}",
            new_rows=new_rows,
            has_errors=status == 400,
        )
        return TemplateResponse(request, "admin/verdicts/grid.html", context, status=status)
