"""Deployment checks for the site's own development-only pieces."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from core.devmail import BACKEND_PATH


@register(Tags.mail, deploy=True)
def check_no_development_mail_backend(app_configs, **kwargs):
    """Django's mail.E001 knows its own development backends; this one is ours."""
    mailers = getattr(settings, "MAILERS", {}) or {}
    using = sorted(
        alias for alias, mailer in mailers.items() if mailer.get("BACKEND") == BACKEND_PATH
    )
    return [
        Error(
            f"MAILERS['{alias}'] uses the development mail backend ({BACKEND_PATH}): mail "
            "would be written to disk, never sent.",
            hint="Set EMAIL_HOST (docs/settings.md#mail), or leave it unset with DEBUG=false "
            "to send through SMTP on localhost:25.",
            id="core.E001",
        )
        for alias in using
    ]
