"""Admin sign-in lockout (django-axes): who is trying, without storing their address.

Axes keys failures by username and client address and stores the address in a
GenericIPAddressField (PostgreSQL `inet`). We hand it a pseudonym instead of the address:
an HMAC of the client IP keyed with SECRET_KEY, written as an IPv6 address in the private
fd00::/8 range, so the column type still fits and no raw IP is ever stored or logged.
"""

from __future__ import annotations

import ipaddress
import math

from django.conf import settings
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from throttle.identity import client_ip


def client_pseudonym(request) -> str:
    """A stable stand-in for the client IP (same client → same value, for the cool-off)."""
    digest = salted_hmac("shipboard.desk.sign-in-client", client_ip(request), algorithm="sha256")
    return str(ipaddress.IPv6Address(b"\xfd" + digest.digest()[:15]))


def locked_out(request, original_response=None, credentials=None):
    """429 with a plain explanation; it lifts by itself after the cool-off."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    response = render(
        request,
        "desk/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
