"""The desk page: one admin screen listing what needs an editor."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from desk.attention import desk_sections


@require_GET
def desk_view(request):
    sections = desk_sections()
    context = {
        **admin.site.each_context(request),
        "title": "What needs an editor",
        "sections": sections,
        "waiting": sum(section.total for section in sections),
    }
    return TemplateResponse(request, "desk/desk.html", context)


desk = admin.site.admin_view(desk_view)
