"""CSRF secrets and masks drawn from one read of the OS random source instead of 32.

Django draws each of the 32 characters of a CSRF secret with its own secrets.choice(), one
os.urandom() call per character, and draws a fresh mask the same way for every page it
serves. A page answered from the page cache costs ~0.3 ms of Python in all, and those 64 reads
were a third of it: bench/pages.py measured the cached comparison page at 0.60 of a static
file's rate with Django's generator and 0.68 with this one.

Same alphabet, same length, each character uniform over the 62 allowed (bytes of 248 and above
are dropped, so `byte % 62` has no bias), same source (the secrets module). Installed at start-up
by comparisons/apps.py; tests/core/test_csrf_secrets.py checks that Django still calls
the function replaced here, the alphabet and spread of what comes out, and that tokens from a
page pass Django's own check on a POST.
"""

from __future__ import annotations

import secrets
import warnings

from django.middleware import csrf

ALPHABET = csrf.CSRF_ALLOWED_CHARS
LENGTH = csrf.CSRF_SECRET_LENGTH
# The largest multiple of the alphabet's size that fits in a byte: 248 for 62 characters.
UNBIASED_BELOW = 256 - 256 % len(ALPHABET)


def new_csrf_string() -> str:
    """A random string of LENGTH characters of ALPHABET: what Django's _get_new_csrf_string
    returns, from one token_bytes() call (almost always; a second when too many bytes are
    dropped)."""
    chars: list[str] = []
    while len(chars) < LENGTH:
        chars.extend(
            ALPHABET[byte % len(ALPHABET)]
            for byte in secrets.token_bytes(LENGTH + 8)
            if byte < UNBIASED_BELOW
        )
    return "".join(chars[:LENGTH])


def install() -> None:
    """Make Django's CSRF middleware draw secrets and masks with new_csrf_string()."""
    if not callable(getattr(csrf, "_get_new_csrf_string", None)):
        # A Django without the hook keeps its own (slower) generator: pages still work, and
        # tests/core/test_csrf_secrets.py fails so that someone adapts this module.
        warnings.warn(
            "django.middleware.csrf._get_new_csrf_string is gone: CSRF secrets are drawn by "
            "Django's own generator; adapt or remove core.csrf_secrets.",
            RuntimeWarning,
            stacklevel=2,
        )
        return
    csrf._get_new_csrf_string = new_csrf_string
