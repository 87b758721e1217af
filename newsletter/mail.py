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


def absolute(path: str, site_url: str | None = None) -> str:
    return (site_url or settings.SITE_URL) + path


def site_url_for(request) -> str:
    """Where links in mail sent for this request should point.

    In development, the address the request came to: the site may be served on any port or
    host (`make run PORT=8001`, a phone on the LAN), and a link to 127.0.0.1:8000 would lead
    nowhere. In production, SITE_URL: the public https address, whatever a proxy forwarded.
    """
    if settings.DEBUG:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL


def confirm_url(subscriber: Subscriber, site_url: str | None = None) -> str:
    token = tokens.confirm_token(subscriber.address_hash)
    return absolute(reverse("newsletter:confirm", args=[token]), site_url)


def unsubscribe_url(hashed_address: str, site_url: str | None = None) -> str:
    token = tokens.unsubscribe_token(hashed_address)
    return absolute(reverse("newsletter:unsubscribe", args=[token]), site_url)


def list_id() -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{LIST_NAME} <weekly-verdicts.{host}>"


def _message(*, subject: str, template: str, context: dict, to: str, headers=None, site_url=None):
    context = {"site_url": site_url or settings.SITE_URL, "list_name": LIST_NAME, **context}
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


def confirmation_message(
    subscriber: Subscriber, site_url: str | None = None
) -> EmailMultiAlternatives:
    """Asks the address's owner to confirm; carries no list headers (nobody is on the list yet).

    `site_url`: the address the sign-up came to (site_url_for), else SITE_URL.
    """
    return _message(
        subject=f"Confirm your subscription to {LIST_NAME}",
        template="confirm",
        context={
            "confirm_url": confirm_url(subscriber, site_url),
            "valid_days": tokens.CONFIRM_LINK_MAX_AGE.days,
        },
        to=subscriber.email,
        site_url=site_url,
    )


def already_subscribed_message(
    subscriber: Subscriber, site_url: str | None = None
) -> EmailMultiAlternatives:
    """Tells a confirmed address that signed up again that nothing changed, and how to leave.

    The sign-up page answers the same for everyone; only the address's owner hears this.
    """
    return _message(
        subject=f"You're already subscribed to {LIST_NAME}",
        template="already_subscribed",
        context={"unsubscribe_url": unsubscribe_url(subscriber.address_hash, site_url)},
        to=subscriber.email,
        site_url=site_url,
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
