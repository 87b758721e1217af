"""What a vote without JavaScript did, carried across its redirect to the page it came from.

The page after a plain-POST vote is the shared, cached page (core/pagecache.py): it cannot
hold one visitor's "Counted". So the 303 sets a short-lived cookie naming the tool and the
outcome; the visitor's own vote panels are filled in as usual (comparisons/personal.py,
votes/voters.py's visitor_votes) and that tool's status line words the outcome just as the
htmx answer does (templates/votes/_vote_status.html). The next page answer deletes the cookie,
so the word shows once. Nothing about it is secret: it says only what the visitor just did,
and a forged one changes only the words the forger sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from votes.services import Outcome

OUTCOME_COOKIE = "shipboard_vote_outcome"
# Long enough to follow the redirect on a slow phone; short enough not to greet a later visit.
OUTCOME_COOKIE_MAX_AGE = 60


@dataclass(frozen=True)
class ShownOutcome:
    tool_id: int
    outcome: Outcome


def remember_outcome(response, tool, outcome: Outcome) -> None:
    """Set on the 303 after a vote without JavaScript."""
    response.set_cookie(
        OUTCOME_COOKIE,
        f"{tool.pk}.{outcome.value.replace(' ', '_')}",
        max_age=OUTCOME_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )


def outcome_from(request) -> ShownOutcome | None:
    """The outcome the visitor's last vote left to show, if the cookie holds a well-formed one."""
    tool_id, _, word = request.COOKIES.get(OUTCOME_COOKIE, "").partition(".")
    if not tool_id.isdigit() or word.replace("_", " ") not in Outcome:
        return None
    return ShownOutcome(tool_id=int(tool_id), outcome=Outcome(word.replace("_", " ")))


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
