"""Development mail a person can read: decoded, with whole links, on the terminal and on disk.

Django's console backend prints the raw MIME message: quoted-printable bodies, long links
broken over lines with `=`, so a confirmation link can be neither clicked nor copied. This
backend prints each message's headers and decoded text part instead, and keeps a copy of
both parts under `directory` (data/mail/), which staff can read at /admin/desk/mail/. Development
only: `check --deploy` refuses it (core.checks).
"""

from __future__ import annotations

import re
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from django.core.mail import InvalidMailer
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.text import slugify

BACKEND_PATH = "core.devmail.ReadableMailBackend"
HEADERS_SHOWN = ("From", "To", "Cc", "Reply-To", "Subject", "Date", "List-Unsubscribe")
RULE = "-" * 79


class ReadableMailBackend(BaseEmailBackend):
    def __init__(self, *, directory=None, echo=True, **kwargs):
        super().__init__(**kwargs)
        if directory is None:
            raise InvalidMailer("OPTIONS must define 'directory'.", alias=self.alias)
        self.directory = Path(directory)
        self.echo = echo
        self._lock = threading.Lock()

    def send_messages(self, email_messages):
        sent = 0
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            for message in email_messages:
                text_path = self._write(message)
                if self.echo:
                    sys.stdout.write(f"{RULE}\n{readable_text(message)}\n")
                    sys.stdout.write(
                        f"(saved as {text_path}; staff can read it at /admin/desk/mail/)\n"
                    )
                    sys.stdout.write(f"{RULE}\n")
                    sys.stdout.flush()
                sent += 1
        return sent

    def _write(self, message) -> Path:
        now = datetime.now(UTC)
        stem = f"{now:%Y%m%d-%H%M%S-%f}-{slugify(message.subject)[:60] or 'message'}"
        text_path = self.directory / f"{stem}.txt"
        text_path.write_text(readable_text(message), encoding="utf-8")
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                (self.directory / f"{stem}.html").write_text(content, encoding="utf-8")
        return text_path


def readable_text(message) -> str:
    """The headers a reader looks at, a blank line, then the text part as it was written."""
    mime = message.message()
    lines = [f"{name}: {unfold(mime[name])}" for name in HEADERS_SHOWN if mime[name]]
    return "\n".join(lines) + "\n\n" + message.body.rstrip("\n") + "\n"


def unfold(header) -> str:
    """A header as one line of text: decoded, its folding undone."""
    return re.sub(r"\r?\n[ \t]+", " ", str(header))


def saved_messages(directory: Path) -> list[Path]:
    """The saved text parts, newest first."""
    if not directory.is_dir():
        return []
    return sorted(directory.glob("*.txt"), reverse=True)
