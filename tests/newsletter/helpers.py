from __future__ import annotations

import re

from django.test import Client

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBSCRIBE_URL = "/newsletter/subscribe/"


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token input in the page"
    return match.group(1)


def visitor(ip: str = "198.51.100.7") -> Client:
    """A browser that enforces CSRF like production and comes from one address."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=ip)


def subscribe(client: Client, email: str, *, htmx: bool = False, page: str = "/"):
    """Load a page with the box, then send its form as a reader would."""
    token = csrf_from(client.get(page).content.decode())
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        SUBSCRIBE_URL, {"email": email, "csrfmiddlewaretoken": token}, headers=headers
    )
