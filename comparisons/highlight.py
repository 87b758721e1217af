"""Search highlighting: escape every piece of text first, then add our own <mark> around matches.

Nothing a reader typed or an editor wrote reaches the page unescaped: the only markup in the
result is the <mark> and </mark> written here.
"""

from __future__ import annotations

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters PostgreSQL's ts_headline puts around matches. Queries are cleaned of
# them (comparisons.search.clean_query); a stray one in stored text is dropped, never marked.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)


def _join(pieces: list[tuple[str, bool]]) -> SafeString:
    out = []
    for text, marked in pieces:
        if not text:
            continue
        out.append(f"<mark>{escape(text)}</mark>" if marked else escape(text))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


def mark_terms(text: str, terms: list[str]) -> SafeString:
    """Escape `text` and mark every case-insensitive occurrence of any term."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms or not text:
        return _join([(text, False)])
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [(text[last : match.start()], False), (match.group(), True)]
        last = match.end()
    pieces.append((text[last:], False))
    return _join(pieces)


def mark_headline(headline: str) -> SafeString:
    """Turn ts_headline output (tags stripped, entities kept, matches between START and STOP)
    into escaped HTML with <mark>s."""
    pieces, last = [], 0
    for match in _MARKED.finditer(headline):
        pieces += [(headline[last : match.start()], False), (match.group(1), True)]
        last = match.end()
    pieces.append((headline[last:], False))
    return _join(
        [
            (html.unescape(text.replace(START, "").replace(STOP, "")), marked)
            for text, marked in pieces
        ]
    )


def excerpt(text: str, terms: list[str], width: int = 220) -> str:
    """About `width` characters of `text` around the first term it contains, cut at spaces."""
    if len(text) <= width:
        return text
    lowered = text.lower()
    hits = [i for i in (lowered.find(t.lower()) for t in terms if t) if i >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")
