"""The admin's CSV import: upload, preview every change, then apply it through the services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from verdicts.transfer import ImportRefused, apply_import, plan_import

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="The export_verdicts format: tool, reviewer, decision, version, status, "
        "published_at, body.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size // 1024:,} KB; at most {MAX_UPLOAD_BYTES // 1024:,} KB."
            )
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as problem:
            raise forms.ValidationError("The file is not UTF-8 text (save it as CSV UTF-8).") from (
                problem
            )


class VerdictImportMixin:
    """For the verdict ModelAdmin: /admin/verdicts/verdict/import/."""

    def get_urls(self):
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="verdicts_verdict_import",
            )
        ]
        return extra + super().get_urls()

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form, plan, problem, status = ImportUploadForm(), None, "", 200
        if request.method == "POST" and "apply" in request.POST:
            try:
                plan = plan_import(request.POST.get("csv_text", ""))
            except ImportRefused as refused:
                problem, status = str(refused), 400
            else:
                apply_import(plan, editor=request.user)
                self.message_user(request, f"Imported: {plan.summary()}.", messages.SUCCESS)
                return redirect("admin:verdicts_verdict_changelist")
        elif request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if not form.is_valid():
                status = 400
            else:
                try:
                    plan = plan_import(form.cleaned_data["file"])
                except ImportRefused as refused:
                    problem, status = str(refused), 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import verdicts" if plan is None else "Check the import, then apply it",
            "form": form,
            "plan": plan,
            "csv_text": form.cleaned_data["file"] if plan and form.is_bound else "",
            "problem": problem,
        }
        if plan is not None and not context["csv_text"]:
            context["csv_text"] = request.POST.get("csv_text", "")
        return TemplateResponse(request, "admin/verdicts/import.html", context, status=status)
