"""Staff tools beside the admin: the Markdown preview, and the mail sent in development."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.devmail import BACKEND_PATH, saved_messages
from core.editing import preview_fragment

PREVIEW_MAX_CHARS = 50_000
SENT_MAIL_SHOWN = 50


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


@require_GET
@never_cache
@staff_member_required
def sent_mail(request):
    """The mail the development backend wrote under data/mail/, newest first, links whole.

    404 unless that backend sends the site's mail: in production there is nothing to list.
    """
    mailer = settings.MAILERS.get("default", {})
    if mailer.get("BACKEND") != BACKEND_PATH:
        raise Http404("Mail is sent, not kept, with this configuration.")
    directory = Path(mailer["OPTIONS"]["directory"])
    paths = saved_messages(directory)
    messages = [
        {"name": path.name, "text": path.read_text(encoding="utf-8")}
        for path in paths[:SENT_MAIL_SHOWN]
    ]
    context = {
        "title": "Mail sent in development",
        "messages": messages,
        "total": len(paths),
        "directory": directory,
    }
    return render(request, "desk/sent_mail.html", context)
