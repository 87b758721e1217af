"""The words a subscriber agreed to, recorded with each sign-up.

The box in templates/comparisons/_newsletter.html shows exactly these lines (a test renders
the box and checks each one), so the consent record says what the reader actually saw.
Change a line here and in the template together.
"""

from __future__ import annotations

BOX_LINES = (
    "Weekly AI Tool Verdicts",
    "Get the next comparison in your inbox",
    "New AI tools ship daily. We compare them before you waste an afternoon.",
    "Your e-mail address",
    "Subscribe",
    "At most one e-mail a week, and only after you confirm by e-mail. "
    "Every issue has a one-click unsubscribe.",
)

CONSENT_WORDING = "\n".join(BOX_LINES)
