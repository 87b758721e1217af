"""Who is asking, without keeping who they are: daily-salted HMACs of the client IP and network."""

from __future__ import annotations

import ipaddress

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
    return _daily_hmac("shipboard.client-ip", client_ip(request))


def client_network(request) -> str:
    """The client's network as the vote cap sees it: its /24 (IPv4) or /64 (IPv6).

    One household, office or phone carrier hands out addresses from a block; counting per
    block stops a visitor from getting round the cap by asking for a new address.
    """
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address  # not an address (a test client, a broken proxy): itself, as is
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def hashed_client_network(request) -> str:
    """HMAC-SHA256 of the client's network, keyed like `hashed_client_ip` (daily salt)."""
    return _daily_hmac("shipboard.client-network", client_network(request))


def _daily_hmac(purpose: str, value: str) -> str:
    day = timezone.now().date().isoformat()
    return salted_hmac(f"{purpose}.{day}", value, algorithm="sha256").hexdigest()[:64]
