"""Development mail: decoded text with whole links, on the terminal and under data/mail/."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.core.mail import EmailMultiAlternatives

from core.devmail import BACKEND_PATH, ReadableMailBackend, saved_messages

# Long enough that quoted-printable would break it over lines with "=".
LINK = "http://127.0.0.1:8765/newsletter/confirm/" + "a1B2-c3D4_e5" * 12 + "/"


def message() -> EmailMultiAlternatives:
    mail = EmailMultiAlternatives(
        subject="Confirm your subscription — Weekly AI Tool Verdicts",
        body=f"Héllo,\n\nTo confirm, open this link:\n\n{LINK}\n",
        from_email="Shipboard <newsletter@localhost>",
        to=["reader@example.com"],
        headers={"List-Unsubscribe": f"<{LINK}>"},
    )
    mail.attach_alternative(f'<p><a href="{LINK}">Confirm</a></p>', "text/html")
    return mail


def test_the_raw_message_would_break_the_link():
    """What this backend exists for: the MIME text mangles the link."""
    assert LINK not in message().message().as_string()


def test_each_message_is_printed_decoded_with_its_link_whole(tmp_path, capsys):
    assert ReadableMailBackend(directory=tmp_path).send_messages([message()]) == 1
    printed = capsys.readouterr().out
    assert f"\n{LINK}\n" in printed
    assert "Subject: Confirm your subscription — Weekly AI Tool Verdicts" in printed
    assert "To: reader@example.com" in printed
    assert "Héllo," in printed
    assert "=\n" not in printed and "=3D" not in printed


def test_each_message_is_kept_as_text_and_html(tmp_path, capsys):
    backend = ReadableMailBackend(directory=tmp_path / "mail", echo=False)
    backend.send_messages([message(), message()])
    assert capsys.readouterr().out == ""
    texts = saved_messages(tmp_path / "mail")
    assert len(texts) == 2
    assert f"\n{LINK}\n" in texts[0].read_text()
    assert f'href="{LINK}"' in texts[0].with_suffix(".html").read_text()


# The deploy checks include the model checks: django-tasks-db's JSONField asks the database.
@pytest.mark.django_db
def test_deploy_check_refuses_the_development_backend(settings, tmp_path):
    settings.MAILERS = {"default": {"BACKEND": BACKEND_PATH, "OPTIONS": {"directory": tmp_path}}}
    errors = [error.id for error in run_checks(include_deployment_checks=True)]
    assert "core.E001" in errors


@pytest.mark.django_db
def test_deploy_check_accepts_smtp(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
    errors = [error.id for error in run_checks(include_deployment_checks=True)]
    assert "core.E001" not in errors
