"""CSRF secrets come from core.csrf_secrets: cheaper to draw, as random, still valid."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.middleware import csrf
from django.test import Client, RequestFactory

from core.csrf_secrets import ALPHABET, LENGTH, new_csrf_string
from tests.tools.factories import ToolFactory
from votes.models import Vote

TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_django_draws_csrf_secrets_and_masks_with_ours(monkeypatch):
    # If Django renames the function or stops calling it, this fails: the speed never goes
    # quietly. A new visitor's token needs two draws: the secret, then the mask.
    assert csrf._get_new_csrf_string is new_csrf_string
    drawn = []

    def spy():
        drawn.append(new_csrf_string())
        return drawn[-1]

    monkeypatch.setattr(csrf, "_get_new_csrf_string", spy)
    token = csrf.get_token(RequestFactory().get("/"))
    assert len(drawn) == 2 and token.startswith(drawn[1])  # the mask leads the token
    assert len(token) == 2 * csrf.CSRF_SECRET_LENGTH
    assert csrf.CSRF_SECRET_LENGTH == LENGTH == 32
    assert ALPHABET == csrf.CSRF_ALLOWED_CHARS and len(ALPHABET) == 62


def test_secrets_use_only_the_allowed_characters_and_spread_over_all_of_them():
    drawn = [new_csrf_string() for _ in range(2000)]
    assert len(set(drawn)) == 2000
    assert all(len(secret) == LENGTH for secret in drawn)
    counts = Counter("".join(drawn))
    assert set(counts) == set(ALPHABET)
    expected = 2000 * LENGTH / len(ALPHABET)  # 1032 each; a biased draw would sit far off
    assert all(abs(count - expected) < 200 for count in counts.values()), counts


@pytest.mark.django_db
def test_a_token_from_a_page_passes_djangos_check_on_a_vote():
    alpha = ToolFactory(slug="alpha")
    ToolFactory(slug="beta")
    client = Client(enforce_csrf_checks=True)
    page = client.get("/compare/alpha-vs-beta/")
    token = TOKEN_INPUT.search(page.content.decode()).group(1)
    assert len(token) == 2 * LENGTH and set(token) <= set(ALPHABET)
    assert client.cookies["csrftoken"].value != token  # masked: the secret never shows

    refused = Client(enforce_csrf_checks=True).post(
        f"/tools/{alpha.slug}/vote/", {"choice": "ship"}
    )
    assert refused.status_code == 403
    accepted = client.post(
        f"/tools/{alpha.slug}/vote/", {"choice": "ship", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code in (200, 303)
    assert Vote.objects.filter(tool=alpha).count() == 1
