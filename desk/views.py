"""The Markdown preview editors see beside every Markdown field in the admin."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from core.editing import preview_fragment

PREVIEW_MAX_CHARS = 50_000


@require_POST
def markdown_preview(request):
    """Render posted Markdown exactly as the public page will (render_markdown: nh3 allow-list).

    Staff only; CSRF-protected like any POST. Returns an HTML fragment for htmx to swap in.
    """
    if not (request.user.is_active and request.user.is_staff):
        return _text("Only signed-in editors can preview.", status=403)
    source = request.POST.get("markdown")
    if source is None:
        return _text("Send the Markdown to preview in the 'markdown' field.", status=400)
    if len(source) > PREVIEW_MAX_CHARS:
        return _text(
            f"This text is {len(source):,} characters; the preview stops at "
            f"{PREVIEW_MAX_CHARS:,}. It will still save.",
            status=400,
        )
    response = HttpResponse(preview_fragment(source))
    response["Cache-Control"] = "no-store"
    return response


def _text(message: str, *, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
