from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from core.images import inspect_upload, process_upload, thumbnail_name
from tests.core.pictures import (
    REJECTED,
    jpeg_with_exif,
    picture,
    png_with_text_chunk,
    upload,
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [(name, make, message) for _case, name, make, message in REJECTED],
    ids=[case for case, *_ in REJECTED],
)
def test_unsafe_or_unsupported_files_are_refused_with_a_clear_reason(name, content, message):
    with pytest.raises(ValidationError) as refused:
        inspect_upload(upload(content(), name))
    assert message in refused.value.messages[0]


@pytest.mark.parametrize(
    ("fmt", "mode", "extension"),
    [("PNG", "RGBA", "png"), ("JPEG", "RGB", "jpg"), ("WEBP", "RGBA", "webp")],
)
def test_png_jpeg_and_webp_are_accepted_and_re_encoded_in_their_own_format(fmt, mode, extension):
    processed = process_upload(upload(picture(fmt, mode=mode), "My Logo!.bin"))
    assert processed.name == f"my-logo.{extension}"
    with Image.open(io.BytesIO(processed.content.read())) as stored:
        assert stored.format == fmt
        assert stored.size == (300, 200)


def test_a_jpeg_named_png_is_judged_by_content_and_stored_as_jpg():
    processed = process_upload(upload(picture("JPEG", mode="RGB"), "photo.png"))
    assert processed.name == "photo.jpg"


def test_exif_orientation_is_applied_and_all_exif_is_removed():
    processed = process_upload(upload(jpeg_with_exif(orientation=6), "me.jpg"))
    with Image.open(io.BytesIO(processed.content.read())) as stored:
        assert stored.size == (200, 300)  # turned upright
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info and "icc_profile" not in stored.info


def test_png_text_chunks_are_not_written_back():
    processed = process_upload(upload(png_with_text_chunk(), "logo.png"))
    data = processed.content.read()
    assert b"tEXt" not in data and b"XSS" not in data and b"Someone private" not in data


def test_cmyk_jpeg_is_stored_as_rgb():
    processed = process_upload(upload(picture("JPEG", mode="CMYK"), "print.jpg"))
    with Image.open(io.BytesIO(processed.content.read())) as stored:
        assert stored.mode == "RGB"


@pytest.mark.parametrize("crop", [True, False])
def test_thumbnails_are_square_at_each_requested_size(crop):
    processed = process_upload(
        upload(picture("PNG", size=(400, 100)), "wide.png"), thumbnail_sizes=(56, 112), crop=crop
    )
    assert set(processed.thumbnails) == {56, 112}
    for size, content in processed.thumbnails.items():
        with Image.open(io.BytesIO(content.read())) as thumbnail:
            assert thumbnail.size == (size, size)
            assert thumbnail.format == "PNG"


def test_a_fitted_logo_keeps_transparent_padding_instead_of_cropping():
    processed = process_upload(
        upload(picture("PNG", size=(400, 100)), "wide.png"), thumbnail_sizes=(56,), crop=False
    )
    with Image.open(io.BytesIO(processed.thumbnails[56].read())) as thumbnail:
        assert thumbnail.getpixel((28, 0))[3] == 0  # padding above the wide mark
        assert thumbnail.getpixel((28, 28))[3] == 255


def test_thumbnails_live_in_their_own_folder_so_no_upload_can_clash():
    assert thumbnail_name("logos/acme.png", 56) == "logos/thumbs/acme-56.png"
    assert thumbnail_name("logos/acme-56.png", 56) == "logos/thumbs/acme-56-56.png"
