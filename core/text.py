"""Editor text: Markdown rendered once, on save, then sanitised with nh3.

Python-Markdown passes raw HTML through untouched, so its output is never trusted:
nh3 keeps only the tags, attributes and URL schemes listed here.
"""

from __future__ import annotations

import html

import markdown
import nh3
from django.utils.html import strip_tags

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
    if not source:
        return ""
    raw_html = markdown.markdown(source, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def plain_text(html_fragment: str) -> str:
    """Readable text of sanitised HTML (a *_html field): tags dropped, entities decoded."""
    return " ".join(html.unescape(strip_tags(html_fragment)).split())


class RendersMarkdownOnSave:
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
