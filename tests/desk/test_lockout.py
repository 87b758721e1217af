"""Admin sign-in lockout: five failures for an account from one address pause that account
there, a higher number from one address pauses every account there (password spraying), and
each lifts by itself; no raw IP address is stored. An attacker can never lock an editor out
from everywhere by hammering their account."""

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


def test_the_right_password_from_another_address_signs_in_while_an_attacker_hammers(client, editor):
    attacker = "203.0.113.7"
    assert fail(client, editor.username, 5, ip=attacker)[-1] == 429
    assert sign_in(client, editor.username, PASSWORD, ip="198.51.100.9").status_code == 302
    client.logout()
    fail(client, editor.username, 20, ip=attacker)  # it keeps hammering: still locked there
    assert sign_in(client, editor.username, PASSWORD, ip=attacker).status_code == 429
    assert sign_in(client, editor.username, PASSWORD, ip="198.51.100.9").status_code == 302


def test_failures_for_one_account_do_not_lock_other_accounts_at_that_address(client, editor):
    fail(client, "someone-else", 5, ip="203.0.113.7")
    assert sign_in(client, editor.username, PASSWORD, ip="203.0.113.7").status_code == 302


def test_spraying_many_accounts_from_one_address_locks_that_address(client, editor, settings):
    assert settings.ADMIN_LOCKOUT_ADDRESS_FAILURES > settings.ADMIN_LOCKOUT_FAILURES
    sprayer = "203.0.113.7"
    per_account = settings.ADMIN_LOCKOUT_FAILURES - 1  # never enough to lock one account
    accounts = -(-settings.ADMIN_LOCKOUT_ADDRESS_FAILURES // per_account)
    for number in range(accounts):
        fail(client, f"guess-{number}", per_account, ip=sprayer)
    response = sign_in(client, editor.username, PASSWORD, ip=sprayer)
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    # Only that address: the editor signs in from anywhere else.
    assert sign_in(client, editor.username, PASSWORD, ip="198.51.100.9").status_code == 302


def test_an_address_one_failure_short_of_its_limit_may_still_sign_in(client, editor, settings):
    settings.ADMIN_LOCKOUT_ADDRESS_FAILURES = 12
    for number in range(3):
        fail(client, f"guess-{number}", 4)
    assert sign_in(client, editor.username, PASSWORD).status_code == 429  # 12 failures
    AccessAttempt.objects.filter(username="guess-0").update(failures_since_start=3)
    assert sign_in(client, editor.username, PASSWORD).status_code == 302  # 11


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
                                              ("ADMIN_LOCKOUT_FAILURES", "0"),
                                              ("ADMIN_LOCKOUT_ADDRESS_FAILURES", "0")])  # fmt: skip
def test_settings_refuse_a_lock_that_would_never_lift(monkeypatch, name, value):
    import importlib

    import compare_site.settings as site_settings

    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match="never a permanent lock"):
        importlib.reload(site_settings)
    monkeypatch.delenv(name)
    importlib.reload(site_settings)
