"""Uploaded files (logos, avatars) served by the app when they live in a local folder.

One container needs no separate file server: gunicorn hands the file to the socket
(wsgi.file_wrapper). With object storage (STORAGE_BACKEND) the storage's own URLs are used
and this view is not routed (SERVE_MEDIA).
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

# Stored names are unique (Django's storage never overwrites), so a day is safe.
MEDIA_MAX_AGE = 86_400
NOT_FOUND = "That file is not here (any more)."


@require_safe
def serve_media(request, path: str):
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, posixpath.normpath(path).lstrip("/")))
    except SuspiciousFileOperation:
        raise Http404(NOT_FOUND) from None
    if not full_path.is_file():
        # The message is shown to the reader: never include the server's path.
        raise Http404(NOT_FOUND)
    content_type, _encoding = mimetypes.guess_type(full_path.name)
    response = FileResponse(
        full_path.open("rb"), content_type=content_type or "application/octet-stream"
    )
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE)
    return response
