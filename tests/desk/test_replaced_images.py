"""Replacing (or clearing) a logo or avatar deletes the old file and its thumbnails, once the
new one is saved: after the transaction commits, never before, and never on a rollback."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tests.core.pictures import picture, upload
from tests.desk.forms import tool_form
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory
from tools.models import Tool

pytestmark = pytest.mark.django_db(transaction=True)

OLD_LOGO = ["logos/old.png", "logos/thumbs/old-112.png", "logos/thumbs/old-56.png"]
NEW_LOGO = ["logos/new.png", "logos/thumbs/new-112.png", "logos/thumbs/new-56.png"]


def media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def tool_with_logo():
    tool = ToolFactory()
    tool.logo = upload(picture("PNG"), "old.png")
    tool.save()
    assert media_files() == OLD_LOGO
    return Tool.objects.get(pk=tool.pk)


def test_replacing_a_logo_deletes_the_old_file_and_thumbnails_after_commit(tool_with_logo):
    with transaction.atomic():
        tool_with_logo.logo = upload(picture("PNG"), "new.png")
        tool_with_logo.save()
        assert media_files() == sorted(NEW_LOGO + OLD_LOGO)  # not before the commit
    assert media_files() == NEW_LOGO


def test_a_replacement_rolled_back_keeps_the_old_logo(tool_with_logo):
    with pytest.raises(RuntimeError), transaction.atomic():
        tool_with_logo.logo = upload(picture("PNG"), "new.png")
        tool_with_logo.save()
        raise RuntimeError("the rest of the edit failed")
    assert set(OLD_LOGO) <= set(media_files())
    assert Tool.objects.get(pk=tool_with_logo.pk).logo.name == "logos/old.png"


def test_replacing_a_logo_in_the_admin_leaves_only_the_new_one(editor_client, tool_with_logo):
    response = editor_client.post(
        f"/admin/tools/tool/{tool_with_logo.pk}/change/",
        tool_form(tool_with_logo, logo=upload(picture("PNG"), "new.png")),
    )
    assert response.status_code == 302
    assert media_files() == NEW_LOGO


def test_clearing_a_logo_in_the_admin_deletes_it(editor_client, tool_with_logo):
    response = editor_client.post(
        f"/admin/tools/tool/{tool_with_logo.pk}/change/",
        tool_form(tool_with_logo, **{"logo-clear": "on"}),
    )
    assert response.status_code == 302
    assert Tool.objects.get(pk=tool_with_logo.pk).logo.name == ""
    assert media_files() == []


def test_saving_without_touching_the_logo_keeps_it(tool_with_logo):
    tool_with_logo.tagline = "Still the same logo"
    tool_with_logo.save()
    assert media_files() == OLD_LOGO


def test_replacing_an_avatar_deletes_the_old_one(editor_client):
    reviewer = ReviewerFactory(slug="ada")
    reviewer.avatar = upload(picture("PNG"), "ada.png")
    reviewer.save()
    reviewer.avatar = upload(picture("JPEG", mode="RGB"), "ada-2.jpg")
    reviewer.save()
    assert media_files() == [
        "avatars/ada-2.jpg",
        "avatars/thumbs/ada-2-48.jpg",
        "avatars/thumbs/ada-2-96.jpg",
    ]


def test_a_file_another_row_still_uses_is_kept(tool_with_logo):
    other = ToolFactory()
    Tool.objects.filter(pk=other.pk).update(logo=tool_with_logo.logo.name)  # e.g. from a fixture
    tool_with_logo.logo = upload(picture("PNG"), "new.png")
    tool_with_logo.save()
    assert set(OLD_LOGO) <= set(media_files())
