"""XSS payloads and an HTML inspector that says whether any of them came alive in a page."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

# (name, payload). Every active part carries the marker "XSS".
PAYLOADS = [
    ("script tag", '<script>alert("XSS1")</script>'),
    ("img onerror", '<img src=x onerror=alert("XSS2")>'),
    ("svg onload", '<svg onload=alert("XSS3")><circle r="9"/></svg>'),
    ("details ontoggle", '<details open ontoggle=alert("XSS4")><summary>x</summary></details>'),
    ("markdown javascript link", '[click](javascript:alert("XSS5"))'),
    ("mixed-case javascript", '[click](JaVaScRiPt:alert("XSS6"))'),
    ("tab-split javascript entity", "<a href=\"java&#x09;script:alert('XSS7')\">click</a>"),
    ("decimal-entity javascript", "<a href=\"&#106;&#97;vascript:alert('XSS8')\">click</a>"),
    ("leading-space javascript", "<a href=\" \x01javascript:alert('XSS9')\">click</a>"),
    ("javascript &colon;", "<a href=\"javascript&colon;alert('XSS10')\">click</a>"),
    ("reference-style javascript", '[click][evil]\n\n[evil]: javascript:alert("XSS11")'),
    ("markdown autolink javascript", '<javascript:alert("XSS12")>'),
    ("markdown image javascript", '![pic](javascript:alert("XSS13"))'),
    ("data: html link", "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#XSS14)"),
    ("DATA: upper-case link", "<a href=\"DATA:text/html,<script>alert('XSS15')</script>\">x</a>"),
    ("vbscript link", '[x](vbscript:msgbox("XSS16"))'),
    ("hx-get load", '<div hx-get="/XSS17" hx-trigger="load" hx-swap="outerHTML">x</div>'),
    ("hx-on and data-hx", '<p hx-on:click="alert(\'XSS18\')" data-hx-post="/XSS18">x</p>'),
    ("style attribute", '<p style="background:url(//evil.example/XSS19)">styled</p>'),
    ("style element", "<style>body{background:url(//evil.example/XSS20)}</style>"),
    ("iframe", '<iframe src="https://evil.example/XSS21" srcdoc="XSS21"></iframe>'),
    (
        "form",
        '<form action="https://evil.example/XSS22"><input name="q">'
        '<button formaction="/XSS22">Go</button></form>',
    ),
    (
        "onclick on an allowed tag",
        '<a href="https://ok.example/" onclick="alert(\'XSS23\')">ok</a>',
    ),  # noqa: E501
    ("object data", "<object data=\"javascript:alert('XSS24')\"></object>"),
    (
        "base and meta refresh",
        '<base href="https://evil.example/XSS25">'
        '<meta http-equiv="refresh" content="0;url=javascript:alert(\'XSS25\')">',
    ),
    (
        "mutation via math/style",
        '<math><mtext><table><mglyph><style><img src=x onerror=alert("XSS26")>',
    ),  # noqa: E501
    ("comment breakout", '<!--><img src=x onerror=alert("XSS27")>-->'),
    ("markdown html block", '<div markdown="1">[x](javascript:alert("XSS28"))</div>'),
]

DANGEROUS_TAGS = {
    "script", "iframe", "frame", "frameset", "form", "input", "button", "select", "textarea",
    "svg", "math", "details", "object", "embed", "base", "meta", "style", "link", "img",
    "video", "audio", "source", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href",
                  "background", "srcset"}  # fmt: skip
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
CONTROL_OR_SPACE = re.compile(r"[\x00-\x20]+")


class PageInspector(HTMLParser):
    """Counts what could execute: dangerous tags and attributes, bad URL schemes, script text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[str] = Counter()
        self.bad_urls: list[str] = []
        self.marker_in_code: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.tags[tag] += 1
        for name, value in attrs:
            if name.startswith(("on", "hx-", "data-hx")) or name in {"style", "srcdoc"}:
                self.attributes[name] += 1
            if (
                name in URL_ATTRIBUTES
                and value
                and BAD_SCHEME.match(CONTROL_OR_SPACE.sub("", value))
            ):
                self.bad_urls.append(f"<{tag} {name}={value!r}>")
        # A JSON-LD block is data the browser never runs; were its text to break out with a
        # raw "</script>", the parser would see the tags that follow and count them above.
        is_data_block = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        self._inside = tag if tag in {"script", "style"} and not is_data_block else None

    def handle_endtag(self, tag):
        self._inside = None

    def handle_data(self, data):
        if self._inside and "XSS" in data:
            self.marker_in_code.append(data)


def inspect(html: str) -> PageInspector:
    inspector = PageInspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def assert_inert(html: str, baseline: str, where: str) -> None:
    """Nothing in `html` can run that was not already in the same page with harmless text."""
    page, base = inspect(html), inspect(baseline)
    assert page.bad_urls == [], (where, page.bad_urls)
    assert page.marker_in_code == [], (where, page.marker_in_code)
    extra_tags = page.tags - base.tags
    assert not extra_tags, (where, extra_tags)
    extra_attributes = page.attributes - base.attributes
    assert not extra_attributes, (where, extra_attributes)
