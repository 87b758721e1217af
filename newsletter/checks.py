"""Start-up checks for what the newsletter needs from settings."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_site_url(app_configs, **kwargs):
    site_url = getattr(settings, "SITE_URL", "")
    if not site_url.startswith(("https://", "http://")):
        return [
            Error(
                "SITE_URL is not set, and ALLOWED_HOSTS names no host to build it from.",
                hint="Set SITE_URL to the site's public address, e.g. https://shipboard.example.",
                id="newsletter.E001",
            )
        ]
    return []


@register(deploy=True)
def check_site_url_is_https(app_configs, **kwargs):
    site_url = getattr(settings, "SITE_URL", "")
    if site_url.startswith("http://"):
        return [
            Warning(
                "SITE_URL is not https: mail clients ignore a one-click unsubscribe "
                "(RFC 8058) that is not https.",
                hint="Set SITE_URL to the https address readers use.",
                id="newsletter.W001",
            )
        ]
    return []
