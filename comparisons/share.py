"""Share images: a 1200 × 630 PNG per comparison (and per tool), drawn with Pillow.

The image is keyed by a hash of exactly what is drawn on it (names, categories, logos, panel and
community counts), so it is regenerated the moment any of that changes and never otherwise. Pages
link to it with ?v=<key> so social sites fetch the new picture too.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET
from PIL import Image, ImageDraw, ImageFont, ImageOps

from comparisons.models import SLUG_SEPARATOR, canonical_slugs
from comparisons.rankings import with_figures
from comparisons.selection import compare_request_problem, split_slugs, well_formed
from core.cache import read_quietly, write_quietly
from picks.figures import counts_among, share_line
from tools.models import Tool
from verdicts.figures import PanelFigure, panel_figure_of
from votes.figures import CommunityFigure, community_figure_for

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
DRAWING_VERSION = "share-v2"  # bump when the layout changes, so every cached image is redrawn
MAX_LOGO_PIXELS = 4096 * 4096
COLOURS = {
    "bg": "#f6f7f9",
    "surface": "#ffffff",
    "border": "#dde1e7",
    "text": "#16181d",
    "muted": "#4b5361",
    "accent": "#1d4ed8",
    "accent_text": "#ffffff",
    "ship": "#0f6b3a",
}


@dataclass(frozen=True)
class ShareCard:
    """Everything drawn for one tool; its JSON is what the cache key hashes."""

    name: str
    category: str
    initials: str
    logo: str
    panel_ship: int
    panel_total: int
    community_ship: int
    community_skip: int

    @property
    def panel(self) -> PanelFigure:
        return PanelFigure(ship_count=self.panel_ship, total=self.panel_total)

    @property
    def community(self) -> CommunityFigure:
        return CommunityFigure(self.community_ship, self.community_skip)


def _card(tool: Tool, panel: PanelFigure, community: CommunityFigure) -> ShareCard:
    return ShareCard(
        name=tool.name,
        category=tool.category.name,
        initials=tool.initials,
        logo=tool.logo.name or "",
        panel_ship=panel.ship_count,
        panel_total=panel.total,
        community_ship=community.ship_count,
        community_skip=community.skip_count,
    )


def cards_from_annotated(tools) -> list[ShareCard]:
    """Cards for tools annotated by rankings.with_figures."""
    return [_card(t, panel_figure_of(t), community_figure_for(t)) for t in tools]


def site_address() -> str:
    """The site's address as drawn on the image ("shipboard.example"), from SITE_URL."""
    return urlsplit(settings.SITE_URL).netloc or settings.SITE_URL


def share_key(cards: list[ShareCard], footer: str = "") -> str:
    drawn = [DRAWING_VERSION, site_address(), [asdict(c) for c in cards]]
    drawn += [footer] if footer else []
    payload = json.dumps(drawn, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def image_url_for(origin: str, rows: list, pick_counts=None) -> str:
    """The absolute URL of the share image of one tool or a comparison, as drawn now, from its
    rows (board columns, rankings.figures_of), carrying its version (?v=) so caches fetch a
    redrawn one; origin is the scheme and host; pick_counts when already read."""
    tools = [row.tool for row in rows]
    cards = [_card(row.tool, row.panel, row.community) for row in rows]
    if len(tools) == 1:
        path = reverse("tool_share_image", args=[tools[0].slug])
    else:
        path = reverse("compare_share_image", args=[SLUG_SEPARATOR.join(t.slug for t in tools)])
    return f"{origin}{path}?v={share_key(cards, _footer(tools, pick_counts))[:16]}"


def _footer(tools: list[Tool], pick_counts=None) -> str:
    if len(tools) != 2:
        return ""
    return share_line(tools, counts_among(tools) if pick_counts is None else pick_counts)


# Drawing ---------------------------------------------------------------------------------------


# Characters the fallback swaps in when the font has no glyph for the original.
PLAIN_FORMS = {"—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "×": "x"}


@lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont:
    """SHARE_IMAGE_FONT when set, else Pillow's bundled font (on every machine, Latin letters)."""
    if settings.SHARE_IMAGE_FONT:
        try:
            return ImageFont.truetype(settings.SHARE_IMAGE_FONT, size)
        except OSError:
            logger.warning("SHARE_IMAGE_FONT %s unreadable; using Pillow's font.", exc_info=True)
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4096)
def _has_glyph(char: str) -> bool:
    font = _font(40)
    return char.isspace() or bytes(font.getmask(char)) != bytes(font.getmask("\uffff"))


def drawable(text: str) -> str:
    """`text` with every character the font cannot draw replaced by a plain form, never a box.

    Accented letters lose their accent (é → e); anything else without a glyph becomes "?".
    """
    out = []
    for char in text:
        if _has_glyph(char):
            out.append(char)
            continue
        plain = PLAIN_FORMS.get(char) or "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(plain if plain and all(_has_glyph(c) for c in plain) else "?")
    return "".join(out)


def _width(draw: ImageDraw.ImageDraw, text: str, font) -> float:
    return draw.textlength(text, font=font)


def _ellipsize(draw, text: str, font, max_width: float) -> str:
    if _width(draw, text, font) <= max_width:
        return text
    while text and _width(draw, text + "…", font) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def _lines(draw, text: str, font, max_width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _width(draw, candidate, font) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def _wrap(draw, text: str, max_width: float, room: float, sizes: tuple[int, ...]):
    """The largest size at which `text` fits the box; ellipsized at the smallest size."""
    for size in sizes:
        font = _font(size)
        max_lines = min(3, int(room // (size * 1.2)))
        lines = _lines(draw, text, font, max_width)
        if 0 < len(lines) <= max_lines and all(_width(draw, ln, font) <= max_width for ln in lines):
            return font, lines
    font = _font(sizes[-1])
    max_lines = max(1, min(3, int(room // (sizes[-1] * 1.2))))
    lines = _lines(draw, text, font, max_width)
    kept = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    return font, [_ellipsize(draw, line, font, max_width) for line in kept]


def _logo(name: str, size: int) -> Image.Image | None:
    """The tool's logo as a square RGBA thumbnail, or None when it cannot be read."""
    if not name:
        return None
    try:
        with default_storage.open(name) as handle, Image.open(handle) as image:
            if image.width * image.height > MAX_LOGO_PIXELS:
                return None
            image = ImageOps.exif_transpose(image).convert("RGBA")
            return ImageOps.fit(image, (size, size))
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("Share image: could not read logo %s; drawing initials.", name)
        return None


def _draw_brand(draw: ImageDraw.ImageDraw) -> None:
    draw.polygon([(48, 62), (64, 34), (80, 62)], fill=COLOURS["accent"])
    draw.text((92, 30), "Shipboard", font=_font(30), fill=COLOURS["text"])
    address = _ellipsize(draw, drawable(site_address()), _font(22), 420)
    draw.text((92 + _width(draw, "Shipboard", _font(30)) + 16, 37), address, font=_font(22),
              fill=COLOURS["muted"])  # fmt: skip


def _draw_logo(image, draw, card: ShareCard, left: int, top: int, size: int) -> None:
    logo = _logo(card.logo, size)
    if logo is not None:
        image.paste(logo, (left, top), logo)
        return
    draw.rounded_rectangle((left, top, left + size, top + size), radius=16, fill=COLOURS["accent"])
    draw.text(
        (left + size / 2, top + size / 2),
        drawable(card.initials) or "?",
        font=_font(size // 2),
        fill=COLOURS["accent_text"],
        anchor="mm",
    )


def _figure(label: str, figure, colour: str) -> tuple:
    """What a figure draws (core/figures.py's rule): a share with its n, or the count in words."""
    if figure.headline_is_percent:
        return label, figure.headline, figure.count_label, colour, True
    return label, figure.headline if figure.total else "—", figure.count_label, colour, False


def _draw_figure(draw, x: int, y: int, width: int, size: int, figure: tuple) -> None:
    label, value, count, colour, is_share = figure
    draw.text((x, y), label.upper(), font=_font(17), fill=COLOURS["muted"])
    if is_share or value == "—":
        draw.text((x, y + 22), drawable(value), font=_font(size), fill=colour, stroke_width=1)
        count = _ellipsize(draw, drawable(count), _font(18), width)
        draw.text((x, y + 30 + size), count, font=_font(18), fill=COLOURS["muted"])
        return
    # Below the minimum: the count in words, never a big percentage.
    font = _font(24)
    lines = _lines(draw, drawable(value), font, width)[:3]
    for index, line in enumerate(lines):
        line = _ellipsize(draw, line, font, width)
        draw.text((x, y + 26 + index * 30), line, font=font, fill=COLOURS["text"])


def _draw_card(image: Image.Image, draw, card: ShareCard, box: tuple[int, int, int, int]):
    """Logo, category and name at the top; the panel and community figures at the bottom."""
    left, top, right, bottom = box
    pad = 28
    inner = right - left - 2 * pad
    draw.rounded_rectangle(box, radius=22, fill=COLOURS["surface"], outline=COLOURS["border"])
    _draw_logo(image, draw, card, left + pad, top + pad, 72)
    y = top + pad + 72 + 16
    category = _ellipsize(draw, drawable(card.category.upper()), _font(18), inner)
    draw.text((left + pad, y), category, font=_font(18), fill=COLOURS["muted"])
    figures = [
        _figure("Panel ship", card.panel, COLOURS["ship"]),
        _figure("Community", card.community, COLOURS["text"]),
    ]
    side_by_side = inner >= 400
    size = 56 if inner >= 280 else 44
    block = size + 60
    figures_top = bottom - pad - (block if side_by_side else 2 * block)
    name_top = y + 30
    room = figures_top - name_top - 12
    font, lines = _wrap(draw, drawable(card.name), inner, room, (44, 38, 32, 28, 24, 20))
    for line in lines:
        draw.text((left + pad, name_top), line, font=font, fill=COLOURS["text"], stroke_width=1)
        name_top += int(font.size * 1.2)
    if side_by_side:
        half = inner // 2
        for index, figure in enumerate(figures):
            _draw_figure(draw, left + pad + index * half, figures_top, half - 12, size, figure)
    else:
        for index, figure in enumerate(figures):
            _draw_figure(draw, left + pad, figures_top + index * block, inner, size, figure)


def draw_share_image(cards: list[ShareCard], footer: str = "") -> bytes:
    """Draw the PNG: the question, then one card per tool, and the head-to-head line under
    them when there is one. No cards: the site's own card."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLOURS["bg"])
    draw = ImageDraw.Draw(image)
    _draw_brand(draw)
    if not cards:
        draw.text((48, 200), "Tool A or Tool B:", font=_font(64), fill=COLOURS["text"])
        draw.text((48, 280), "which one should you ship with?", font=_font(64), fill="#1d4ed8")
        draw.text(
            (48, 400),
            "Expert panel verdicts, pricing and community votes, side by side.",
            font=_font(30),
            fill=COLOURS["muted"],
        )
    else:
        question = (
            "Should you ship with it?" if len(cards) == 1 else "Which one should you ship with?"
        )
        draw.text((WIDTH - 48, 32), question, font=_font(28), fill=COLOURS["muted"], anchor="ra")
        gap = 56 if len(cards) == 2 else 32
        width = (WIDTH - 96 - gap * (len(cards) - 1)) / len(cards)
        top, bottom = 100, HEIGHT - (84 if footer else 40)
        if footer:
            draw.text(
                (WIDTH / 2, HEIGHT - 42), _ellipsize(draw, drawable(footer), _font(26), WIDTH - 96),
                font=_font(26),
                fill=COLOURS["text"], anchor="mm",
            )  # fmt: skip
        for index, card in enumerate(cards):
            left = 48 + index * (width + gap)
            _draw_card(image, draw, card, (int(left), top, int(left + width), bottom))
            if index:
                draw.text(
                    (left - gap / 2, (top + bottom) / 2),
                    "vs",
                    font=_font(24),
                    fill=COLOURS["muted"],
                    anchor="mm",
                )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


# Serving ---------------------------------------------------------------------------------------


def _cached_png(key: str, cards: list[ShareCard], footer: str = "") -> bytes:
    cache_key = f"share-image:{key}"
    png = read_quietly([cache_key], "share image").get(cache_key)
    if png is None:
        png = draw_share_image(cards, footer)
        write_quietly({cache_key: png}, settings.SHARE_IMAGE_CACHE_SECONDS, "share image")
    return png


def share_response(request, cards: list[ShareCard], footer: str = "") -> HttpResponse:
    """The PNG with an ETag; long-lived when the URL names the current version, short otherwise."""
    key = share_key(cards, footer)
    etag = f'"{key[:32]}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(_cached_png(key, cards, footer), content_type="image/png")
    response["ETag"] = etag
    if request.GET.get("v") == key[:16]:
        patch_cache_control(response, public=True, max_age=31_536_000, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response


def _annotated_tools(slugs: list[str]) -> list[Tool]:
    found = {t.slug: t for t in with_figures(Tool.objects.by_slugs(well_formed(slugs)))}
    return [found[slug] for slug in slugs if slug in found]


@require_GET
def compare_share_image(request, slugs: str):
    requested = split_slugs(slugs)
    problem = compare_request_problem(requested)
    if problem:
        return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
    ordered = canonical_slugs(requested)
    tools = _annotated_tools(ordered)
    if len(tools) != len(ordered):
        raise Http404("No such tool.")
    if ordered != requested:
        return redirect(
            reverse("compare_share_image", args=[SLUG_SEPARATOR.join(ordered)]), permanent=True
        )
    return share_response(request, cards_from_annotated(tools), _footer(tools))


@require_GET
def tool_share_image(request, slug: str):
    tools = _annotated_tools([slug])
    if not tools:
        raise Http404(f"No tool called {slug}.")
    return share_response(request, cards_from_annotated(tools))
