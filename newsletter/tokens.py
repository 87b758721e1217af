"""Who an address is, without keeping it: a keyed hash; and the signed links mailed to it.

Each purpose has its own salt, so a confirmation link can never be replayed as an
unsubscribe link or the other way round. Confirmation links expire; unsubscribe links
never do (an issue read months later must still let its reader leave).
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

from core import mail_links
from core.mail_links import LinkProblem

CONFIRM_SALT = "shipboard.newsletter.confirm"
UNSUBSCRIBE_SALT = "shipboard.newsletter.unsubscribe"
ADDRESS_SALT = "shipboard.newsletter.address"
CONFIRM_LINK_MAX_AGE = timedelta(days=3)


def normalise_email(email: str) -> str:
    """The address as stored: trimmed, domain lower-cased (the local part is the owner's)."""
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else email.strip()


def address_hash(email: str) -> str:
    """The subscriber's keyed address hash (core.mail_links), with the newsletter's salt."""
    return mail_links.address_hash(email, salt=ADDRESS_SALT)


def confirm_token(hashed_address: str) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(hashed_address)


def read_confirm_token(token: str) -> tuple[str, LinkProblem]:
    """The address hash a confirmation link names, or why the link cannot be used."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        return signer.unsign(token, max_age=CONFIRM_LINK_MAX_AGE), LinkProblem.NONE
    except signing.SignatureExpired:
        return "", LinkProblem.EXPIRED
    except signing.BadSignature:
        return "", LinkProblem.INVALID


def unsubscribe_token(hashed_address: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(hashed_address)


def read_unsubscribe_token(token: str) -> str:
    """The address hash an unsubscribe link names, or "" for a tampered or foreign link."""
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return ""
