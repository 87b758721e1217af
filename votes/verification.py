"""Verified voters: an address proves it is a person's by clicking a signed, expiring link.

The address is kept only until the link is mailed (VerificationRequest.email is then blanked);
a verified vote keeps a keyed hash of it, enough to allow one verified vote per address per
tool and nothing more. The link carries the vote's id and that hash, signed with its own salt
so no other signed value of the site can be replayed as a verification.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core import mail_links
from core.mail_links import LinkProblem
from tools.models import Tool
from votes.models import VerificationRequest, Vote

LINK_SALT = "shipboard.votes.verify"
ADDRESS_SALT = "shipboard.votes.address"
LINK_MAX_AGE = timedelta(days=3)
# Asking again for the same address and tool within this time mails nothing more: nobody can
# flood an inbox by entering someone else's address over and over.
RESEND_AFTER = timedelta(minutes=15)


def address_hash(email: str) -> str:
    """The voter's keyed address hash (core.mail_links), with the votes' salt."""
    return mail_links.address_hash(email, salt=ADDRESS_SALT)


def verification_token(*, vote_id: int, hashed_address: str) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign_object(
        {"vote": vote_id, "address": hashed_address}
    )


def read_verification_token(token: str) -> tuple[int, str, LinkProblem]:
    """(vote id, address hash) a link names, or why it cannot be used."""
    signer = signing.TimestampSigner(salt=LINK_SALT)
    try:
        payload = signer.unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        return 0, "", LinkProblem.EXPIRED
    except (signing.BadSignature, ValueError):
        return 0, "", LinkProblem.INVALID
    if not isinstance(payload, dict):
        return 0, "", LinkProblem.INVALID
    vote_id, hashed = payload.get("vote"), payload.get("address")
    if not isinstance(vote_id, int) or not isinstance(hashed, str) or len(hashed) != 64:
        return 0, "", LinkProblem.INVALID
    return vote_id, hashed, LinkProblem.NONE


def request_verification(*, tool: Tool, voter_id: str, email: str) -> None:
    """Queue the link for `email` (after commit, off the request); say nothing of what it found.

    Nothing is mailed when a link for this address and tool went out in the last RESEND_AFTER.
    """
    from votes.tasks import send_verification

    hashed = address_hash(email)
    now = timezone.now()
    with transaction.atomic():
        recent = VerificationRequest.objects.filter(
            tool=tool, address_hash=hashed, created_at__gte=now - RESEND_AFTER
        )
        if recent.exists():
            return
        # Requests whose links have expired are of no use to anyone: forget them.
        VerificationRequest.objects.filter(created_at__lt=now - LINK_MAX_AGE).delete()
        request = VerificationRequest.objects.create(
            tool=tool, voter_id=voter_id, email=email.strip(), address_hash=hashed
        )
        transaction.on_commit(lambda: send_verification.enqueue(request.pk))


def send_verification_mail(*, request_id: int) -> bool:
    """Mail one request's link, then forget its address. False when there is nothing to send."""
    from django.core.mail import mailers

    request = (
        VerificationRequest.objects.select_related("tool")
        .filter(pk=request_id, sent_at__isnull=True)
        .exclude(email="")
        .first()
    )
    if request is None:
        return False
    vote_id = (
        Vote.objects.filter(tool=request.tool_id, voter_id=request.voter_id)
        .values_list("pk", flat=True)
        .first()
    )
    if vote_id is not None:  # withdrawn since: nothing to verify, nothing to send
        mailers.default.send_messages([verification_message(request, vote_id)])
    VerificationRequest.objects.filter(pk=request_id).update(email="", sent_at=timezone.now())
    return vote_id is not None


def verification_url(request: VerificationRequest, vote_id: int) -> str:
    token = verification_token(vote_id=vote_id, hashed_address=request.address_hash)
    return settings.SITE_URL + reverse("verify-vote", args=[token])


def verification_message(request: VerificationRequest, vote_id: int) -> EmailMultiAlternatives:
    context = {
        "tool": request.tool,
        "verify_url": verification_url(request, vote_id),
        "valid_days": LINK_MAX_AGE.days,
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=f"Verify your vote on {request.tool.name}",
        body=render_to_string("votes/email/verify.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[request.email],
    )
    message.attach_alternative(render_to_string("votes/email/verify.html", context), "text/html")
    return message
