"""Mail settings: Django's EMAIL_* names from the environment, mapped into MAILERS."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings

import compare_site.settings

SETTINGS_FILE = Path(compare_site.settings.__file__)
MAIL_ENV = (
    "DEBUG",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "SITE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
)
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 50 + "-Kq8!", "ALLOWED_HOSTS": "example.com"}


def load_settings(monkeypatch, **env):
    """Run settings.py afresh under this environment, apart from the running project."""
    for name in MAIL_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_development_without_email_host_keeps_mail_readable_under_data_mail(monkeypatch):
    module = load_settings(monkeypatch)
    mailer = module.MAILERS["default"]
    assert mailer["BACKEND"] == "core.devmail.ReadableMailBackend"
    assert mailer["OPTIONS"] == {"directory": str(module.DATA_DIR / "mail")}


def test_production_without_email_host_hands_mail_to_smtp_on_localhost_25(monkeypatch):
    module = load_settings(monkeypatch, **PRODUCTION)
    backend = module.MAILERS["default"]
    assert backend["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert backend["OPTIONS"]["host"] == "localhost" and backend["OPTIONS"]["port"] == 25
    assert module.SITE_URL == "https://example.com"
    assert module.DEFAULT_FROM_EMAIL == "Shipboard <newsletter@example.com>"


def test_every_email_variable_lands_in_mailers(monkeypatch):
    module = load_settings(
        monkeypatch,
        EMAIL_HOST="smtp.example.net",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="shipboard",
        EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="Verdicts <verdicts@example.net>",
    )
    assert module.MAILERS["default"] == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.net",
            "port": 2525,
            "username": "shipboard",
            "password": "s3cret",
            "use_tls": True,
            "timeout": 10,
        },
    }
    assert module.DEFAULT_FROM_EMAIL == "Verdicts <verdicts@example.net>"
    # Django refuses the deprecated names beside MAILERS; none is defined as a setting.
    assert not {"EMAIL_HOST", "EMAIL_PORT", "EMAIL_BACKEND"} & set(vars(module))


def test_tls_without_a_port_uses_submission_port_587(monkeypatch):
    module = load_settings(monkeypatch, EMAIL_HOST="smtp.example.net", EMAIL_USE_TLS="yes")
    assert module.MAILERS["default"]["OPTIONS"]["port"] == 587


def test_check_deploy_reports_no_mail_or_newsletter_problem_in_production():
    # A clean production environment: none of the test run's own switches.
    leave_out = {*MAIL_ENV, "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=SETTINGS_FILE.parent.parent,
        env={**env, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "mail." not in report and "newsletter." not in report and "MAILERS" not in report


# The system checks include the model checks, and django-tasks-db's JSONField asks the
# database whether it supports JSON.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("site_url", "problem"),
    [("", "newsletter.E001"), ("http://example.com", "newsletter.W001"), ("https://a.io", None)],
)
def test_site_url_is_checked(site_url, problem):
    with override_settings(SITE_URL=site_url):
        found = {message.id for message in checks.run_checks(include_deployment_checks=True)}
    newsletter_ids = {id_ for id_ in found if id_.startswith("newsletter.")}
    assert newsletter_ids == ({problem} if problem else set())
