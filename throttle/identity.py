"""Who is asking, without keeping who they are: a daily-salted HMAC of the client IP."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac


def client_ip(request) -> str:
    """The client address: REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT proxies saw.

    X-Forwarded-For is only believed as far as the operator says proxies sit in front.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hashed_client_ip(request) -> str:
    """HMAC-SHA256 of the client IP keyed with SECRET_KEY and today's date (UTC).

    The salt changes daily, so stored hashes cannot be joined across days or reversed
    by hashing the whole IPv4 space once.
    """
    day = timezone.now().date().isoformat()
    digest = salted_hmac(f"shipboard.client-ip.{day}", client_ip(request), algorithm="sha256")
    return digest.hexdigest()[:64]
