"""Uploaded media is served with the right type, nosniff, and nothing but pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.core.pictures import HTML, SVG, picture


def put(name: str, content: bytes) -> None:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("logos/a.png", "image/png"), ("logos/a.jpg", "image/jpeg"), ("logos/a.webp", "image/webp")],
)
def test_pictures_are_served_with_their_type_and_nosniff(client, name, content_type):
    put(name, picture("PNG"))  # whatever is inside, the type comes from our own extension
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"] == "inline"


@pytest.mark.parametrize(
    ("name", "content"),
    [("logos/x.html", HTML), ("logos/x.svg", SVG), ("logos/x.gif", picture("GIF", mode="RGB")),
     ("logos/x", HTML)],
)  # fmt: skip
def test_anything_but_png_jpeg_webp_is_not_served(client, name, content):
    put(name, content)
    assert client.get(f"/media/{name}").status_code == 404


def test_missing_files_and_paths_outside_media_are_404(client):
    assert client.get("/media/logos/missing.png").status_code == 404
    assert client.get("/media/../pyproject.png").status_code == 404
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd.png").status_code == 404


def test_media_answers_get_and_head_only(client):
    put("logos/a.png", picture("PNG"))
    assert client.head("/media/logos/a.png").status_code == 200
    assert client.post("/media/logos/a.png").status_code == 405
