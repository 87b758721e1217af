"""The e-mails themselves: the confirmation request and one subscriber's copy of an issue."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from newsletter import tokens
from newsletter.digest import LIST_NAME
from newsletter.models import Issue, Subscriber


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def confirm_url(subscriber: Subscriber) -> str:
    token = tokens.confirm_token(subscriber.address_hash)
    return absolute(reverse("newsletter:confirm", args=[token]))


def unsubscribe_url(hashed_address: str) -> str:
    token = tokens.unsubscribe_token(hashed_address)
    return absolute(reverse("newsletter:unsubscribe", args=[token]))


def list_id() -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{LIST_NAME} <weekly-verdicts.{host}>"


def _message(*, subject: str, template: str, context: dict, to: str, headers=None):
    context = {"site_url": settings.SITE_URL, "list_name": LIST_NAME, **context}
    text = render_to_string(f"newsletter/email/{template}.txt", context)
    html = render_to_string(f"newsletter/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """Asks the address's owner to confirm; carries no list headers (nobody is on the list yet)."""
    return _message(
        subject=f"Confirm your subscription to {LIST_NAME}",
        template="confirm",
        context={
            "confirm_url": confirm_url(subscriber),
            "valid_days": tokens.CONFIRM_LINK_MAX_AGE.days,
        },
        to=subscriber.email,
    )


def digest_message(issue: Issue, *, email: str, hashed_address: str) -> EmailMultiAlternatives:
    """One subscriber's copy of an issue, with RFC 2369 and RFC 8058 unsubscribe headers."""
    leave = unsubscribe_url(hashed_address)
    return _message(
        subject=issue.subject,
        template="digest",
        context={
            "issue": issue,
            "body_text": issue.body_text,
            # Rendered by digest_content.html from escaped fields and nh3-sanitised summaries.
            "body_html": mark_safe(issue.body_html),
            "unsubscribe_url": leave,
        },
        to=email,
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": list_id(),
        },
    )
