"""A real SMTP server (aiosmtpd) on a free local port, and the settings that point mail at it."""

from __future__ import annotations

import email
import email.policy
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

SITE_URL = "https://shipboard.example"


@dataclass
class Received:
    recipients: list[str]
    message: email.message.EmailMessage

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(preferencelist=("html",)).get_content()


@dataclass
class RecordingSMTPHandler:
    """Keeps every message it accepts; refuses DATA once `accept_limit` messages are in."""

    received: list[Received] = field(default_factory=list)
    accept_limit: int | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.accept_limit is not None and len(self.received) >= self.accept_limit:
            return "554 5.3.4 Test server refuses any more mail"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(recipients=list(envelope.rcpt_tos), message=message))
        return "250 2.0.0 Accepted"

    def to(self, address: str) -> list[Received]:
        return [item for item in self.received if address in item.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def newsletter_settings(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def smtp_server(settings):
    """Start an SMTP server, point MAILERS["default"] at it, hand back what it receives."""
    handler = RecordingSMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    try:
        yield handler
    finally:
        controller.stop()
