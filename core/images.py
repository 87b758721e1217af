"""Uploaded pictures (tool logos, reviewer avatars): judged by content, re-encoded, thumbnailed.

An upload is accepted only if Pillow reads it as PNG, JPEG or WebP, it is at most
MAX_UPLOAD_BYTES and MAX_SIDE × MAX_SIDE pixels, it decodes completely, and nothing hides after
the image's own end marker (a PNG with HTML appended, say). Whatever passes is decoded and
written out again — orientation applied, EXIF, ICC, XMP and text chunks dropped — with square
thumbnails at the sizes the cards draw, so no byte the uploader chose reaches the media folder.

Rejection happens before anything is written to storage, so a refused file leaves nothing
behind. `SafeImageField` applies all of this to every save, not only to admin forms.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from weakref import WeakKeyDictionary

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields.files import ImageFieldFile
from django.utils.text import slugify
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4096
# Pillow name → file extension we store it under.
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}
ACCEPT = "image/png,image/jpeg,image/webp"
ALLOWED = "PNG, JPEG or WebP"
# Inside JPEG scan data, 0xFF followed by these is data (stuffing or a restart marker).
SCAN_BYTES = frozenset({0x00, *range(0xD0, 0xD8)})


@dataclass
class ProcessedImage:
    name: str
    content: ContentFile
    thumbnails: dict[int, ContentFile] = field(default_factory=dict)


def _reject(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def inspect_upload(upload) -> str:
    """Check an uploaded file; return its Pillow format name or raise a ValidationError."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _reject(
            f"This file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB.",
            "too_large",
        )
    data = _read_all(upload)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _reject(
            f"This file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.", "too_large"
        )
    if (
        data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
        and b"<svg" in data[:4096].lower()
    ):
        raise _reject(
            f"SVG files are not accepted (they can carry scripts). Upload a {ALLOWED} image.",
            "svg",
        )
    image_format, width, height = _open_header(data)
    if image_format not in EXTENSIONS:
        raise _reject(
            f"This is a {image_format} image; upload a {ALLOWED} image instead.", "wrong_format"
        )
    if width > MAX_SIDE or height > MAX_SIDE:
        raise _reject(
            f"This image is {width} × {height} pixels; the limit is {MAX_SIDE} × {MAX_SIDE}.",
            "too_many_pixels",
        )
    _decode_fully(data)
    if _bytes_after_end(data, image_format):
        raise _reject(
            "This file has extra data after the end of the image (for example HTML appended "
            "to a PNG). Export the picture again from an image editor and upload that.",
            "trailing_data",
        )
    return image_format


def _open_header(data: bytes) -> tuple[str, int, int]:
    """Read format and size from the header only; refuse decompression bombs before decoding."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat both as bombs.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.format or "unknown", image.width, image.height
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _reject(
            f"This image declares far more pixels than allowed ({MAX_SIDE} × {MAX_SIDE} at "
            "most); it looks like a decompression bomb.",
            "too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _reject(
            f"This file is not a {ALLOWED} image. Its content is checked, not its name.",
            "not_an_image",
        ) from None


def _decode_fully(data: bytes) -> None:
    """verify() checks structure and checksums; load() decodes every pixel (finds truncation)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception:  # noqa: BLE001 - Pillow raises many types for damaged data
        raise _reject(
            "This image is incomplete or damaged (it may have been cut short while uploading).",
            "damaged",
        ) from None


def _bytes_after_end(data: bytes, image_format: str) -> bool:
    """True if non-padding bytes follow the image's own end (a polyglot file)."""
    try:
        end = {"PNG": _png_end, "JPEG": _jpeg_end, "WEBP": _webp_end}[image_format](data)
    except (struct.error, IndexError, ValueError):
        return True  # a structure we cannot walk is not one we store
    return bool(data[end:].strip(b"\x00"))


def _png_end(data: bytes) -> int:
    position = 8
    while True:
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk_type = data[position + 4 : position + 8]
        position += 12 + length
        if chunk_type == b"IEND":
            return position
        if position > len(data):
            raise ValueError("PNG ends inside a chunk")


def _jpeg_end(data: bytes) -> int:
    position = 2  # after SOI
    while True:
        if data[position] != 0xFF:
            raise ValueError("expected a JPEG marker")
        while data[position] == 0xFF:  # fill bytes
            position += 1
        marker = data[position]
        position += 1
        if marker == 0xD9:  # EOI
            return position
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            continue
        (length,) = struct.unpack(">H", data[position : position + 2])
        position += length
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next real marker
            while not (data[position] == 0xFF and data[position + 1] not in SCAN_BYTES):
                position += 1


def _webp_end(data: bytes) -> int:
    (riff_size,) = struct.unpack("<I", data[4:8])
    return 8 + riff_size + (riff_size & 1)


def process_upload(upload, *, thumbnail_sizes=(), crop: bool = True) -> ProcessedImage:
    """Validate, then re-encode `upload` without metadata and render its square thumbnails."""
    image_format = inspect_upload(upload)
    extension = EXTENSIONS[image_format]
    with Image.open(io.BytesIO(_read_all(upload))) as source:
        source.load()
        image = ImageOps.exif_transpose(source) or source
        image = _normalise_mode(image, image_format)
    image.info = {}  # EXIF, ICC profile, XMP, PNG text chunks: none are written back
    stem = slugify(PurePosixPath(getattr(upload, "name", "") or "image").stem)[:60] or "image"
    thumbnails = {
        size: ContentFile(_encode(_square(image, size, crop, image_format), image_format))
        for size in thumbnail_sizes
    }
    return ProcessedImage(
        name=f"{stem}.{extension}",
        content=ContentFile(_encode(image, image_format)),
        thumbnails=thumbnails,
    )


def _normalise_mode(image: Image.Image, image_format: str) -> Image.Image:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if has_alpha:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def _square(image: Image.Image, size: int, crop: bool, image_format: str) -> Image.Image:
    if crop:  # avatars: fill the circle, centre crop
        return ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)
    # logos: the whole mark, padded to a square (transparent where the format allows)
    fill = (255, 255, 255) if image.mode in ("RGB", "L") else (0, 0, 0, 0)
    padded = ImageOps.pad(image.convert("RGBA" if len(fill) == 4 else "RGB"), (size, size),
                          Image.Resampling.LANCZOS, color=fill)  # fmt: skip
    return _normalise_mode(padded, image_format)


def _encode(image: Image.Image, image_format: str) -> bytes:
    options = {
        "PNG": {"optimize": True},
        "JPEG": {"quality": 88, "optimize": True, "progressive": True},
        "WEBP": {"quality": 85, "method": 4},
    }[image_format]
    output = io.BytesIO()
    image.save(output, format=image_format, **options)
    return output.getvalue()


def thumbnail_name(name: str, size: int) -> str:
    """logos/acme.png → logos/thumbs/acme-56.png (a separate folder: no clash with uploads)."""
    path = PurePosixPath(name)
    return str(path.parent / "thumbs" / f"{path.stem}-{size}{path.suffix}")


class SafeImageFieldFile(ImageFieldFile):
    """Adds the thumbnail URLs templates use: `thumbnail_url` (1x) and `thumbnail_2x_url`."""

    def _thumbnail_url(self, index: int) -> str:
        sizes = self.field.thumbnail_sizes
        if not self.name or len(sizes) <= index:
            return self.url if self.name else ""
        return self.storage.url(thumbnail_name(self.name, sizes[index]))

    @property
    def thumbnail_url(self) -> str:
        return self._thumbnail_url(0)

    @property
    def thumbnail_2x_url(self) -> str:
        return self._thumbnail_url(1)


class SafeImageFormField(forms.FileField):
    """A file input that explains exactly why a picture is refused."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            inspect_upload(upload)
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs.setdefault("accept", ACCEPT)
        return attrs


class SafeImageField(models.ImageField):
    """An ImageField whose new files are validated, re-encoded and thumbnailed before storage.

    `thumbnail_sizes`: square sizes in pixels, 1x first then 2x; `crop`: fill the square
    (avatars) rather than fit inside it (logos).
    """

    attr_class = SafeImageFieldFile

    def __init__(self, *args, thumbnail_sizes: tuple[int, ...] = (), crop: bool = True, **kwargs):
        self.thumbnail_sizes = tuple(thumbnail_sizes)
        self.crop = crop
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # The column is an ordinary ImageField's; processing is Python-only, so migrations
        # (and other branches' migrations) see no change.
        return name, "django.db.models.ImageField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": SafeImageFormField})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            signals.post_save.connect(self._delete_replaced_file, sender=cls, weak=False)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if not add and (not file or not file._committed):
            # A new file, or none: the stored one is deleted once this save has committed.
            stored = self._stored_name(model_instance)
            if stored:
                _replaced.setdefault(model_instance, {})[self.attname] = stored
        if file and not file._committed:
            processed = process_upload(
                file, thumbnail_sizes=self.thumbnail_sizes, crop=self.crop
            )  # raises ValidationError before anything is stored
            file.save(processed.name, processed.content, save=False)
            for size, content in processed.thumbnails.items():
                _store_exactly(file.storage, thumbnail_name(file.name, size), content)
        return super().pre_save(model_instance, add)

    def _stored_name(self, model_instance) -> str:
        rows = type(model_instance)._default_manager.filter(pk=model_instance.pk)
        return rows.values_list(self.attname, flat=True).first() or ""

    def _delete_replaced_file(self, sender, instance, using, **kwargs) -> None:
        """post_save: after commit (at once under autocommit), delete the file this save
        replaced, and its thumbnails; a rollback drops the callback and keeps the file."""
        stored = _replaced.get(instance, {}).pop(self.attname, "")
        if not stored or getattr(instance, self.attname).name == stored:
            return
        model, storage = type(instance), getattr(instance, self.attname).storage
        names = [stored, *(thumbnail_name(stored, size) for size in self.thumbnail_sizes)]

        def delete_if_unused() -> None:
            if model._default_manager.filter(**{self.attname: stored}).exists():
                return  # another row still shows it (rows copied from a fixture, say)
            for name in names:
                storage.delete(name)

        # robust: a storage error is logged, never raised at the editor after their commit.
        transaction.on_commit(delete_if_unused, using=using, robust=True)


# Files a save is replacing, per model instance and field, from pre_save to post_save.
_replaced: WeakKeyDictionary = WeakKeyDictionary()


def _store_exactly(storage, name: str, content: ContentFile) -> None:
    """Save under exactly `name` (a stale thumbnail of a removed upload is replaced)."""
    if storage.exists(name):
        storage.delete(name)
    stored = storage.save(name, content)
    if stored != name:
        storage.delete(stored)
        raise OSError(f"Could not store thumbnail {name}: storage renamed it to {stored}.")
