"""What the site's mailed links share (newsletter sign-ups, verified votes): the address kept
only as a keyed hash, and the reasons a signed link cannot be used.

Each purpose passes its own salt, so a hash or link made for one can never stand for another.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.crypto import salted_hmac


class LinkProblem(StrEnum):
    NONE = ""
    EXPIRED = "expired"
    INVALID = "invalid"


def address_hash(email: str, *, salt: str) -> str:
    """HMAC-SHA256 of the whole address, trimmed and lower-cased, keyed with SECRET_KEY.

    A plain SHA-256 of an address can be confirmed by anyone who guesses the address;
    the key makes the stored hash useless without the server's secret.
    """
    return salted_hmac(salt, email.strip().lower(), algorithm="sha256").hexdigest()
