"""Admin sign-in lockout (django-axes): who is trying, without storing their address.

Two limits. Axes locks the pair (username, address) after ADMIN_LOCKOUT_FAILURES: an attacker
hammering an editor's account locks only themselves, and the editor still signs in from
anywhere else. An address that fails across many accounts (password spraying) is locked for
every account after ADMIN_LOCKOUT_ADDRESS_FAILURES, a higher number: axes has one limit, so
`PairAndAddressLockout` adds the second over the same attempt rows and cool-off.

Axes keys failures by username and client address and stores the address in a
GenericIPAddressField (PostgreSQL `inet`). We hand it a pseudonym instead of the address:
an HMAC of the client IP keyed with SECRET_KEY, written as an IPv6 address in the private
fd00::/8 range, so the column type still fits and no raw IP is ever stored or logged.
"""

from __future__ import annotations

import ipaddress
import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from throttle.identity import client_ip


def client_pseudonym(request) -> str:
    """A stable stand-in for the client IP (same client → same value, for the cool-off)."""
    digest = salted_hmac("shipboard.desk.sign-in-client", client_ip(request), algorithm="sha256")
    return str(ipaddress.IPv6Address(b"\xfd" + digest.digest()[:15]))


class PairAndAddressLockout(AxesDatabaseHandler):
    """Axes' database handler (AXES_HANDLER), plus the per-address limit against spraying."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True  # this account, from this address
        return settings.AXES_LOCK_OUT_AT_FAILURE and address_is_spraying(request)


def address_failures(request) -> int:
    """Failed sign-ins from this request's address, for any account, within the cool-off."""
    address = getattr(request, "axes_ip_address", None) or client_pseudonym(request)
    recent = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_is_spraying(request) -> bool:
    return address_failures(request) >= settings.ADMIN_LOCKOUT_ADDRESS_FAILURES


def locked_out(request, original_response=None, credentials=None):
    """429 with a plain explanation; it lifts by itself after the cool-off."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.ADMIN_LOCKOUT_ADDRESS_FAILURES,
        "whole_address": address_is_spraying(request),
    }
    response = render(request, "desk/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
