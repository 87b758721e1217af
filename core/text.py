"""Editor text: Markdown rendered once, on save, then sanitised with nh3.

Python-Markdown passes raw HTML through untouched, so its output is never trusted:
nh3 keeps only the tags, attributes and URL schemes listed here.

Characters that XML 1.0 cannot carry, or that HTML forbids, are stripped on save from every
text field (`clean_text`): one control character in a verdict made the Atom feed fail for
everyone, and Markdown's own placeholder markers (\x02, \x03) must never reach a page.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3
from django.db import models
from django.utils.html import strip_tags

# C0 controls but tab, LF and CR (Markdown's placeholder markers \x02 and \x03 among them);
# DEL and the C1 controls; lone surrogates; and the noncharacters (U+FDD0..U+FDEF and the
# last two code points of every plane, U+FFFE and U+FFFF included).
_UNCARRIABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)


def clean_text(value: str) -> str:
    """`value` without the characters XML 1.0 and HTML cannot carry (see above)."""
    return _UNCARRIABLE.sub("", value)


def has_uncarriable(value: str) -> bool:
    return _UNCARRIABLE.search(value) is not None


ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "hr",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(source: str) -> str:
    """Return safe HTML for a Markdown text written by an editor."""
    source = clean_text(source or "")
    if not source:
        return ""
    raw_html = markdown.markdown(source, extensions=["extra", "sane_lists"], output_format="html")
    # nh3 decodes character references, so "&#1;" in the source is a control character here.
    safe_html = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return clean_text(safe_html)


def plain_text(html_fragment: str) -> str:
    """Readable text of sanitised HTML (a *_html field): tags dropped, entities decoded."""
    return clean_text(" ".join(html.unescape(strip_tags(html_fragment)).split()))


# A sentence ends at . ! or ? (and any closing quote), followed by a space and a capital,
# a digit or an opening quote: "e.g. this" and "3.5 GB" do not end one.
SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’)]*)\s+(?=[A-Z0-9“\"‘'(])")


def first_sentence(text: str) -> str:
    """The first sentence of plain `text` (all of it when it has one sentence)."""
    text = " ".join(text.split())
    match = SENTENCE_END.search(text)
    return text[: match.end(1)].strip() if match else text


def _text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
    ]


class CleansTextOnSave:
    """Model mixin: strip what XML and HTML cannot carry from every text field on save."""

    def save(self, *args, **kwargs):
        for field in _text_fields(self):
            value = getattr(self, field.attname)
            if isinstance(value, str):
                setattr(self, field.attname, clean_text(value))
        super().save(*args, **kwargs)


def repair_stored_text(model, *, markdown_fields=None, plain_text_fields=None) -> int:
    """Clean the text of `model`'s stored rows and render again the Markdown of those that need
    it; returns how many rows changed. For data migrations: historical models have no save()
    of ours, so they name their `markdown_fields` and `plain_text_fields` here."""
    markdown_fields = markdown_fields or {}
    plain_text_fields = plain_text_fields or {}
    text_fields = [field.attname for field in _text_fields(model)]
    changed = 0
    for row in model._default_manager.values("pk", *text_fields).iterator():
        changes = {
            name: clean_text(value)
            for name, value in row.items()
            if isinstance(value, str) and name != "pk" and has_uncarriable(value)
        }
        for source, target in markdown_fields.items():
            if source in changes or target in changes:
                changes[target] = render_markdown(row[source])
                if target in plain_text_fields:
                    changes[plain_text_fields[target]] = plain_text(changes[target])
        if changes:
            model._default_manager.filter(pk=row["pk"]).update(**changes)
            changed += 1
    return changed


class RendersMarkdownOnSave(CleansTextOnSave):
    """Model mixin: fill each `<field>_html` from its Markdown source whenever the row is saved.

    `markdown_fields` maps the source field to the field holding its sanitised HTML;
    `plain_text_fields` maps such an HTML field to one holding its plain text, for the places
    that want words without markup (JSON-LD, the JSON view), so no page view parses HTML.
    """

    markdown_fields: dict[str, str] = {}
    plain_text_fields: dict[str, str] = {}

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        for source, target in self.markdown_fields.items():
            setattr(self, target, render_markdown(getattr(self, source)))
            derived = {target}
            if target in self.plain_text_fields:
                text_field = self.plain_text_fields[target]
                setattr(self, text_field, plain_text(getattr(self, target)))
                derived.add(text_field)
            if update_fields is not None and source in update_fields:
                kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)
