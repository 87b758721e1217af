"""What a vote (or a head-to-head pick) without JavaScript did, carried across its redirect.

The page after a plain-POST vote is the shared, cached page (core/pagecache.py): it cannot
hold one visitor's "Counted". So the 303 sets a short-lived cookie naming what was voted on
(a tool, or a pair of tools for a pick) and the outcome; the visitor's own panels are filled
in as usual (comparisons/personal.py, votes/voters.py's visitor_votes, picks/visitor.py) and
that panel's status line words the outcome just as the htmx answer does
(templates/votes/_vote_status.html, templates/picks/_head_to_head.html). The next page answer
deletes the cookie, so the word shows once. Nothing about it is secret: it says only what the
visitor just did, and a forged one changes only the words the forger sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

from votes.services import Outcome

OUTCOME_COOKIE = "shipboard_vote_outcome"
# Long enough to follow the redirect on a slow phone; short enough not to greet a later visit.
OUTCOME_COOKIE_MAX_AGE = 60
SUBJECT = re.compile(r"^[0-9]{1,18}(-[0-9]{1,18})?$")


@dataclass(frozen=True)
class ShownOutcome:
    subject: str  # vote_subject or pick_subject
    outcome: Outcome


def vote_subject(tool_id: int) -> str:
    return str(tool_id)


def pick_subject(first_id: int, second_id: int) -> str:
    """A pair in either order: its tool ids, lower first."""
    return f"{min(first_id, second_id)}-{max(first_id, second_id)}"


def remember_outcome(response, subject: str, outcome: Outcome) -> None:
    """Set on the 303 after a vote or pick without JavaScript."""
    response.set_cookie(
        OUTCOME_COOKIE,
        f"{subject}.{outcome.value.replace(' ', '_')}",
        max_age=OUTCOME_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )


def outcome_from(request) -> ShownOutcome | None:
    """The outcome the visitor's last vote left to show, if the cookie holds a well-formed one."""
    subject, _, word = request.COOKIES.get(OUTCOME_COOKIE, "").partition(".")
    if not SUBJECT.match(subject) or word.replace("_", " ") not in Outcome:
        return None
    return ShownOutcome(subject=subject, outcome=Outcome(word.replace("_", " ")))


class ForgetShownOutcomeMiddleware:
    """Delete the outcome cookie on the first page answered after the vote, so it shows once.

    It sits outside the page cache's middleware, so cached answers pass through it too;
    redirects (a canonical address, a trailing slash) keep it for the page they lead to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            OUTCOME_COOKIE in request.COOKIES
            and OUTCOME_COOKIE not in response.cookies
            and not 300 <= response.status_code < 400
        ):
            response.delete_cookie(OUTCOME_COOKIE, samesite="Lax")
        return response
