"""Logos and avatars through the admin: refused files leave nothing behind; accepted ones are
re-encoded with thumbnails, previewed in the admin and drawn from thumbnails on the site."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

from tests.core.pictures import REJECTED, jpeg_with_exif, picture, upload
from tests.desk.forms import tool_form
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from tools.models import Tool
from verdicts.models import Reviewer

pytestmark = pytest.mark.django_db


def media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def reviewer_form(**fields) -> dict:
    return {"name": "Ada Quill", "slug": "ada-quill", "title": "The Builder",
            "lens": "Runs it first.", "bio": "", "display_order": "5", **fields}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [(name, make, message) for _case, name, make, message in REJECTED],
    ids=[case for case, *_ in REJECTED],
)
def test_a_refused_avatar_shows_why_and_leaves_no_file_and_no_row(
    editor_client, name, make, message
):
    response = editor_client.post(
        "/admin/verdicts/reviewer/add/", reviewer_form(avatar=upload(make(), name))
    )
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Reviewer.objects.exists()
    assert media_files() == []


def test_an_accepted_avatar_is_re_encoded_with_square_thumbnails(editor_client):
    response = editor_client.post(
        "/admin/verdicts/reviewer/add/",
        reviewer_form(avatar=upload(jpeg_with_exif(), "Ada's photo.png")),
    )
    assert response.status_code == 302
    avatar = Reviewer.objects.get().avatar
    assert avatar.name == "avatars/adas-photo.jpg"  # content decides the extension
    assert media_files() == [
        "avatars/adas-photo.jpg",
        "avatars/thumbs/adas-photo-48.jpg",
        "avatars/thumbs/adas-photo-96.jpg",
    ]
    with Image.open(avatar.path) as stored:
        assert stored.size == (200, 300) and dict(stored.getexif()) == {}
    with Image.open(Path(settings.MEDIA_ROOT) / "avatars/thumbs/adas-photo-96.jpg") as thumb:
        assert thumb.size == (96, 96)


def test_a_logo_upload_on_the_tool_page_is_previewed_as_a_thumbnail(editor_client):
    tool = ToolFactory()
    response = editor_client.post(
        f"/admin/tools/tool/{tool.pk}/change/",
        tool_form(tool, logo=upload(picture("PNG"), "acme.png")),
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    assert media_files() == ["logos/acme.png", "logos/thumbs/acme-112.png",
                             "logos/thumbs/acme-56.png"]  # fmt: skip
    html = editor_client.get(f"/admin/tools/tool/{tool.pk}/change/").content.decode()
    assert 'src="/media/logos/thumbs/acme-112.png"' in html
    assert 'accept="image/png,image/jpeg,image/webp"' in html
    listing = editor_client.get("/admin/tools/tool/").content.decode()
    assert 'src="/media/logos/thumbs/acme-56.png"' in listing


def test_a_refused_logo_keeps_the_old_one(editor_client):
    tool = ToolFactory()
    editor_client.post(
        f"/admin/tools/tool/{tool.pk}/change/",
        tool_form(tool, logo=upload(picture("PNG"), "good.png")),
    )
    before = media_files()
    response = editor_client.post(
        f"/admin/tools/tool/{tool.pk}/change/",
        tool_form(tool, logo=upload(picture("PNG") + b"<script>alert(1)</script>", "bad.png")),
    )
    assert response.status_code == 200
    assert media_files() == before
    assert Tool.objects.get(pk=tool.pk).logo.name == "logos/good.png"


def test_code_that_saves_a_bad_file_is_refused_too_before_storage():
    tool = ToolFactory()
    tool.logo = upload(b"<svg onload=alert(1)></svg>", "x.png")
    with pytest.raises(ValidationError):
        tool.save()
    assert media_files() == []


def test_public_pages_draw_logos_and_avatars_from_thumbnails_at_1x_and_2x(client):
    tool = ToolFactory(slug="alpha")
    tool.logo = upload(picture("WEBP"), "alpha.webp")
    tool.save()
    reviewer = ReviewerFactory()
    reviewer.avatar = upload(picture("PNG"), "face.png")
    reviewer.save()
    VerdictFactory(tool=tool, reviewer=reviewer)
    ToolFactory(slug="beta")
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert (
        'src="/media/logos/thumbs/alpha-56.webp" srcset="/media/logos/thumbs/alpha-112.webp 2x"'
        in html
    )
    assert (
        'src="/media/avatars/thumbs/face-48.png" srcset="/media/avatars/thumbs/face-96.png 2x"'
        in html
    )
    image = client.get("/media/logos/thumbs/alpha-112.webp")
    assert image.status_code == 200
    with Image.open(io.BytesIO(b"".join(image.streaming_content))) as served:
        assert served.size == (112, 112)
