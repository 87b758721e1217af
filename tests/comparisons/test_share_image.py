"""Share images: 1200×630 PNGs, cached by what they show, served with cache headers."""

from __future__ import annotations

import io
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from comparisons import share
from tests.comparisons.factories import ComparisonFactory
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from tests.votes.factories import VoteTallyFactory
from verdicts.models import Decision

pytestmark = pytest.mark.django_db

URL = "/compare/alpha-vs-beta/share.png"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def pair(db):
    alpha = ToolFactory(slug="alpha", name="Alpha")
    beta = ToolFactory(slug="beta", name="Beta")
    VerdictFactory(tool=alpha, decision=Decision.SHIP)
    VoteTallyFactory(tool=beta, ship_count=3, skip_count=1)
    return alpha, beta


def _image(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response)))


def test_share_image_is_a_1200_by_630_png(client, pair):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = _image(response)
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_share_image_has_an_etag_and_a_short_cache_without_a_version(client, pair):
    response = client.get(URL)
    assert response["ETag"].startswith('"')
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_versioned_url_is_cached_for_a_year(client, pair):
    page = client.get("/compare/alpha-vs-beta/").content.decode()
    og_image = page.split('<meta property="og:image" content="')[1].split('"')[0]
    assert og_image.startswith("http://testserver/compare/alpha-vs-beta/share.png?v=")
    response = client.get(og_image.removeprefix("http://testserver"))
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_matching_if_none_match_answers_304_without_drawing(client, pair, monkeypatch):
    etag = client.get(URL)["ETag"]
    monkeypatch.setattr(share, "draw_share_image", lambda cards: pytest.fail("drew again"))
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_second_request_is_served_from_the_cache(client, pair, monkeypatch):
    first = client.get(URL).content
    monkeypatch.setattr(share, "draw_share_image", lambda cards: pytest.fail("drew again"))
    assert client.get(URL).content == first


@pytest.mark.parametrize("change", ["verdict", "vote", "rename", "draft verdict"])
def test_image_is_redrawn_when_what_it_shows_changes(client, pair, change):
    alpha, beta = pair
    before_page = client.get("/compare/alpha-vs-beta/").content.decode()
    before = client.get(URL)
    if change == "verdict":
        VerdictFactory(tool=beta, decision=Decision.SKIP)
    elif change == "vote":
        beta.tally.ship_count += 1
        beta.tally.save()
    elif change == "rename":
        alpha.name = "Alpha Prime"
        alpha.save()
    else:
        VerdictFactory(tool=beta, status="draft")
    after = client.get(URL)
    after_page = client.get("/compare/alpha-vs-beta/").content.decode()
    changed = change != "draft verdict"  # a draft is not shown, so nothing changes
    assert (after["ETag"] != before["ETag"]) is changed
    assert (b"".join(after) != b"".join(before)) is changed
    og = "share.png?v="
    assert (before_page.split(og)[1][:16] != after_page.split(og)[1][:16]) is changed


def test_share_image_urls_follow_the_comparison_rules(client, pair):
    assert client.get("/compare/beta-vs-alpha/share.png")["Location"] == URL
    assert client.get("/compare/alpha-vs-nope/share.png").status_code == 404
    assert client.get("/compare/a-vs-b-vs-c-vs-d-vs-e/share.png").status_code == 400


def test_tool_share_image(client, pair):
    response = client.get("/tools/alpha/share.png")
    assert _image(response).size == (1200, 630)
    assert client.get("/tools/nope/share.png").status_code == 404


def test_a_logo_is_drawn_on_the_card(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    red = io.BytesIO()
    Image.new("RGB", (300, 300), (255, 0, 0)).save(red, format="PNG")
    ToolFactory(slug="alpha", logo=SimpleUploadedFile("red.png", red.getvalue()))
    ToolFactory(slug="beta")
    image = _image(client.get(URL)).convert("RGB")
    assert image.getpixel((48 + 28 + 36, 100 + 28 + 36)) == (255, 0, 0)


def test_an_unreadable_logo_falls_back_to_initials(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Uploads are validated, so a logo can only go bad on disk afterwards: write it there.
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "broken.png").write_bytes(b"not an image")
    tool = ToolFactory(slug="alpha")
    type(tool).objects.filter(pk=tool.pk).update(logo="logos/broken.png")
    ToolFactory(slug="beta")
    response = client.get(URL)
    assert response.status_code == 200
    assert _image(response).size == (1200, 630)


def test_a_cache_that_is_down_does_not_break_the_image(client, pair, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", broken)
    monkeypatch.setattr(cache, "set_many", broken)
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_characters_the_font_lacks_are_replaced_not_boxed():
    assert share.drawable("Café — 中") == "Cafe - ?"
    assert share.drawable("Plain ASCII 100%") == "Plain ASCII 100%"


def test_four_long_named_tools_draw_in_well_under_a_second():
    cards = [
        share.ShareCard(
            name=f"A rather long tool name number {n} that must wrap",
            category="Developer Tools",
            initials="AR",
            logo="",
            panel_ship=3,
            panel_total=4,
            community_ship=120,
            community_skip=30,
        )
        for n in range(4)
    ]
    share.draw_share_image(cards)  # warm the font cache
    started = time.perf_counter()
    png = share.draw_share_image(cards)
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"SHARE IMAGE 4 tools: {elapsed_ms:.1f} ms")
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    assert elapsed_ms < 1000


def test_the_default_share_image_is_1200_by_630():
    from django.contrib.staticfiles import finders

    with Image.open(finders.find("img/share-default.png")) as image:
        assert image.size == (1200, 630)


def test_featured_comparison_page_links_its_share_image(client, db):
    comparison = ComparisonFactory()
    html = client.get(comparison.get_absolute_url()).content.decode()
    assert "Share image (PNG)" in html
    assert '<meta property="og:image:width" content="1200">' in html
