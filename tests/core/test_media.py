"""Uploaded files served from MEDIA_ROOT by the app when storage is a local folder."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "code-llama.png").write_bytes(b"\x89PNG\r\n\x1a\n-logo-bytes")
    (tmp_path.parent / "secret.txt").write_text("outside the media folder")
    return tmp_path


def test_uploaded_logo_is_served_with_its_type_and_a_day_of_caching(client, media_root):
    response = client.get("/media/logos/code-llama.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).endswith(b"-logo-bytes")
    assert "max-age=86400" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/media/logos/missing.png",
        "/media/../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/logos/",
    ],
)
def test_missing_or_outside_files_are_404_without_revealing_the_server_path(
    client, media_root, path
):
    response = client.get(path)
    assert response.status_code == 404
    assert str(media_root) not in response.content.decode()
    assert b"outside the media folder" not in response.content


def test_media_refuses_post(client, media_root):
    assert client.post("/media/logos/code-llama.png").status_code == 405
