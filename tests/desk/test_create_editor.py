from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from desk.roles import editor_permission_codenames

pytestmark = pytest.mark.django_db


def test_create_editor_makes_a_staff_user_with_the_editors_rights_only(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a long and unusual passphrase")
    call_command("create_editor", "maya", "--email", "maya@example.com", "--no-input")
    maya = User.objects.get(username="maya")
    assert maya.is_staff and not maya.is_superuser
    assert maya.check_password("a long and unusual passphrase")
    assert maya.get_all_permissions() == editor_permission_codenames()


def test_create_editor_refuses_a_weak_password_and_creates_nobody(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "password")
    with pytest.raises(CommandError, match="too common"):
        call_command("create_editor", "maya", "--no-input")
    assert not User.objects.exists()


def test_create_editor_without_a_password_says_how_to_give_one(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="EDITOR_PASSWORD"):
        call_command("create_editor", "maya", "--no-input")
