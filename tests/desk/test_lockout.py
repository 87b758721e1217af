"""Admin sign-in lockout: five failures pause sign-in for the account and the address, then
it lifts by itself; no raw IP address is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from tests.desk.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username: str, times: int, ip: str = "203.0.113.7") -> list[int]:
    return [sign_in(client, username, "wrong password", ip).status_code for _ in range(times)]


def test_the_right_password_signs_an_editor_in(client, editor):
    response = sign_in(client, editor.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_failures_lock_the_account_with_a_clear_message(client, editor):
    # four times the form again with Django's own error; the fifth failure locks
    assert fail(client, editor.username, 5) == [200, 200, 200, 200, 429]
    response = sign_in(client, editor.username, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in paused for 15 minutes" in html
    assert "lifts by itself" in html
    assert response["Retry-After"] == "900"


def test_the_account_stays_locked_from_another_address(client, editor):
    fail(client, editor.username, 5, ip="203.0.113.7")
    assert sign_in(client, editor.username, PASSWORD, ip="198.51.100.9").status_code == 429


def test_the_address_is_locked_for_other_accounts_too(client, editor):
    fail(client, "someone-else", 5, ip="203.0.113.7")
    assert sign_in(client, editor.username, PASSWORD, ip="203.0.113.7").status_code == 429
    assert sign_in(client, editor.username, PASSWORD, ip="198.51.100.9").status_code == 302


def test_four_failures_then_success_start_the_count_again(client, editor):
    fail(client, editor.username, 4)
    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    client.logout()
    fail(client, editor.username, 4)
    assert sign_in(client, editor.username, PASSWORD).status_code == 302


def test_the_lock_lifts_by_itself_after_the_cool_off(client, editor):
    fail(client, editor.username, 5)
    assert sign_in(client, editor.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, editor.username, PASSWORD).status_code == 302


def test_failures_during_the_lock_do_not_extend_it(client, editor):
    fail(client, editor.username, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    # (the attacker keeps trying while locked; the lock still ends on time)
    assert sign_in(client, editor.username, PASSWORD).status_code == 302


def test_no_raw_ip_address_is_stored(client, editor):
    fail(client, editor.username, 2, ip="203.0.113.7")
    sign_in(client, editor.username, PASSWORD, ip="203.0.113.7")
    stored = list(AccessAttempt.objects.values_list("ip_address", flat=True))
    stored += list(AccessLog.objects.values_list("ip_address", flat=True))
    assert "203.0.113.7" not in stored
    assert AccessLog.objects.count() == 0  # successful sign-ins are not logged


def test_the_pseudonym_is_stable_per_address_and_differs_between_addresses(client, editor):
    fail(client, "a", 1, ip="203.0.113.7")
    fail(client, "b", 1, ip="203.0.113.7")
    fail(client, "c", 1, ip="198.51.100.9")
    by_user = dict(AccessAttempt.objects.values_list("username", "ip_address"))
    assert by_user["a"] == by_user["b"] != by_user["c"]
    assert by_user["a"].startswith("fd")


@pytest.mark.parametrize(("name", "value"), [("ADMIN_LOCKOUT_MINUTES", "0"),
                                              ("ADMIN_LOCKOUT_FAILURES", "0")])  # fmt: skip
def test_settings_refuse_a_lock_that_would_never_lift(monkeypatch, name, value):
    import importlib

    import compare_site.settings as site_settings

    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match="never a permanent lock"):
        importlib.reload(site_settings)
    monkeypatch.delenv(name)
    importlib.reload(site_settings)
