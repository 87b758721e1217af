"""Who is voting, without accounts: a random id in a signed, HttpOnly cookie.

Everything a page shows about *this* visitor's votes comes from `visitor_votes`, one query
for all the tools on the page, and is rendered only inside each tool's vote panel, so the
rest of a page is the same for every visitor (and can be cached as such).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.crypto import salted_hmac

from core.pagecache import renders_for_everyone
from votes.flash import ShownOutcome, outcome_from, vote_subject
from votes.models import Status, Vote

VOTER_COOKIE = "shipboard_voter"
VOTER_COOKIE_SALT = "votes.voter"
VOTER_COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # one year, in seconds
VOTER_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def new_voter_id() -> str:
    return secrets.token_hex(16)


def voter_id_for_vote(request) -> str:
    """The id this request's vote counts under: the voter cookie's, else one settled before the
    write, so that a retry whose first answer (and cookie) was lost is the same voter.

    It is derived from the CSRF cookie the visitor's page set (a vote cannot pass the CSRF
    check without it), through an HMAC, so the stored id never reveals the cookie. Without
    one (a client that skips CSRF, in tests) a fresh random id is drawn.
    """
    voter_id = voter_id_from(request)
    if voter_id:
        return voter_id
    csrf_secret = request.META.get("CSRF_COOKIE")
    if not csrf_secret:
        return new_voter_id()
    digest = salted_hmac(VOTER_COOKIE_SALT, csrf_secret, algorithm="sha256").hexdigest()
    return digest[:32]


def voter_id_from(request) -> str | None:
    """The visitor's voter id if their cookie is one we signed (and not older than a year)."""
    voter_id = request.get_signed_cookie(
        VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_MAX_AGE
    )
    if voter_id and VOTER_ID_PATTERN.match(voter_id):
        return voter_id
    return None


def remember_voter(response, voter_id: str) -> None:
    """(Re)issue the voter cookie: signed, HttpOnly, SameSite=Lax, a year, Secure in production."""
    response.set_signed_cookie(
        VOTER_COOKIE,
        voter_id,
        salt=VOTER_COOKIE_SALT,
        max_age=VOTER_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )


@dataclass(frozen=True)
class VisitorVotes:
    """This visitor's vote per tool id; templates ask `my_votes|choice_on:tool` and
    `my_votes|held_on:tool` (recorded, waiting for an editor before it counts)."""

    choices: dict[int, str] = field(default_factory=dict)
    held: frozenset[int] = frozenset()
    verified: frozenset[int] = frozenset()
    # What a vote without JavaScript just did, for the page it returns to (votes/flash.py).
    shown_outcome: ShownOutcome | None = None

    def choice_for(self, tool) -> str | None:
        return self.choices.get(tool.pk)

    def outcome_for(self, tool) -> str:
        """The outcome to word in `tool`'s status line ("created", "withdrawn"...), or ""."""
        shown = self.shown_outcome
        return shown.outcome.value if shown and shown.subject == vote_subject(tool.pk) else ""

    def showing(self, shown_outcome: ShownOutcome | None) -> VisitorVotes:
        return replace(self, shown_outcome=shown_outcome)

    def is_held(self, tool) -> bool:
        return tool.pk in self.held

    def is_verified(self, tool) -> bool:
        return tool.pk in self.verified

    @classmethod
    def from_rows(cls, rows) -> VisitorVotes:
        """From (tool_id, choice, status, verified_hash) rows."""
        rows = list(rows)
        return cls(
            {tool_id: choice for tool_id, choice, _, _ in rows},
            frozenset(tool_id for tool_id, _, status, _ in rows if status == Status.HELD),
            frozenset(tool_id for tool_id, _, _, verified in rows if verified),
        )


NO_VOTES = VisitorVotes()


def visitor_votes(request, tools) -> VisitorVotes:
    """This visitor's votes on `tools`: one query, none for a visitor who never voted.

    The copy of a page the page cache shares (core.pagecache.renders_for_everyone) shows
    nobody's votes; each visitor's own are filled in afterwards (comparisons/personal.py).
    """
    voter_id = voter_id_from(request)
    if voter_id is None or not tools or renders_for_everyone(request):
        return NO_VOTES
    rows = Vote.objects.by_voter(voter_id).on_tools(tools)
    found = VisitorVotes.from_rows(rows.values_list("tool_id", "choice", "status", "verified_hash"))
    return found.showing(outcome_from(request))
