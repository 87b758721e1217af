"""Uploaded media (logos, avatars), served by the app itself, safely.

Only the picture types uploads are re-encoded to are served, each with its own content type,
`nosniff`, and a policy that forbids everything but being an image. Files are read through the
default storage, so the same view works if the operator moves media to shared storage; if they
serve MEDIA_URL from elsewhere, SERVE_MEDIA=false leaves this route out.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from core.images import CONTENT_TYPES

MEDIA_CSP = {"default-src": [CSP.NONE], "sandbox": True}


@require_safe
@csp_override(MEDIA_CSP)
def serve_media(request, path: str):
    content_type = CONTENT_TYPES.get(PurePosixPath(path).suffix.lower().lstrip("."))
    if content_type is None:
        raise Http404("No such picture.")
    try:
        file = default_storage.open(path, "rb")
    except (OSError, SuspiciousFileOperation, ValueError):
        raise Http404("No such picture.") from None
    response = FileResponse(file, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    # Upload names are unique (the storage never overwrites), so a day's caching is safe.
    response["Cache-Control"] = "public, max-age=86400"
    return response
