"""Pictures for upload tests, made with Pillow: good ones and every kind of bad one."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert("XSS")</script><rect width="10" height="10"/></svg>'
)
HTML = b"<!doctype html><html><body><script>alert('XSS')</script></body></html>"


def picture(fmt: str = "PNG", size=(300, 200), mode: str = "RGBA", **save_options) -> bytes:
    image = Image.new(mode, size, (200, 40, 40, 255) if mode == "RGBA" else None)
    if mode == "RGB":
        image = Image.new("RGB", size, (40, 120, 200))
    elif mode == "CMYK":
        image = Image.new("CMYK", size, (10, 200, 30, 0))
    # a marker square in the top-left corner, to check orientation after re-encoding
    image.paste(Image.new(image.mode, (20, 10)), (0, 0))
    output = io.BytesIO()
    image.save(output, format=fmt, **save_options)
    return output.getvalue()


def jpeg_with_exif(orientation: int = 6) -> bytes:
    """A 300×200 JPEG whose EXIF says 'rotate 90°' and names a camera and a place."""
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPSInfo
    return picture("JPEG", mode="RGB", exif=exif.tobytes())


def png_with_text_chunk() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert('XSS')</script>")
    info.add_text("Author", "Someone private")
    return picture("PNG", pnginfo=info)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny valid-looking PNG whose header claims width × height (a decompression bomb)."""
    data = bytearray(picture("PNG", size=(1, 1), mode="RGB"))
    ihdr = bytes(data[16:29])
    ihdr = struct.pack(">II", width, height) + ihdr[8:]
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def upload(content: bytes, name: str = "picture.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# (case, file name, bytes, words the error must contain)
REJECTED = [
    ("gif", "logo.gif", lambda: picture("GIF", mode="RGB"), "This is a GIF image"),
    ("bmp renamed .png", "logo.png", lambda: picture("BMP", mode="RGB"), "This is a BMP image"),
    ("svg", "logo.svg", lambda: SVG, "SVG files are not accepted"),
    ("svg renamed .png", "logo.png", lambda: SVG, "SVG files are not accepted"),
    ("html renamed .png", "logo.png", lambda: HTML, "not a PNG, JPEG or WebP image"),
    ("text renamed .jpg", "logo.jpg", lambda: b"just some words\n" * 20, "not a PNG, JPEG"),
    ("truncated png", "logo.png", lambda: picture("PNG", size=(800, 600))[:-400], "damaged"),
    (
        "truncated jpeg",
        "logo.jpg",
        lambda: picture("JPEG", size=(800, 600), mode="RGB")[:-700],
        "damaged",
    ),
    ("png + html", "logo.png", lambda: picture("PNG") + HTML, "extra data after the end"),
    ("jpeg + html", "logo.jpg", lambda: picture("JPEG", mode="RGB") + HTML, "extra data"),
    ("webp + html", "logo.webp", lambda: picture("WEBP") + HTML, "extra data"),
    ("bomb 50000²", "logo.png", lambda: png_declaring(50_000, 50_000), "decompression bomb"),
    ("bomb 10000²", "logo.png", lambda: png_declaring(10_000, 10_000), "decompression bomb"),
    (
        "too wide",
        "logo.png",
        lambda: picture("PNG", size=(5000, 8), mode="RGB"),
        "5000 × 8 pixels; the limit is 4096 × 4096",
    ),
    (
        "over 5 MB",
        "logo.png",
        lambda: picture("PNG", size=(8, 8)) + b"\0" * (5 * 1024 * 1024),
        "the limit is 5 MB",
    ),
]
