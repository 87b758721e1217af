"""URLs and static paths remembered per process give exactly what Django would compute."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, path, reverse, set_script_prefix
from whitenoise.storage import CompressedManifestStaticFilesStorage

from core.links import path_to
from core.static_storage import RememberingStaticStorage


def test_path_to_matches_reverse_and_remembers_it():
    assert path_to("tool_detail", "code-llama-4") == reverse("tool_detail", args=["code-llama-4"])
    assert path_to("home") == "/"
    assert path_to("tool_detail", "code-llama-4") is path_to("tool_detail", "code-llama-4")


def test_path_to_answers_under_a_script_prefix_with_its_own_urls():
    assert path_to("reviewer_list") == "/reviewers/"
    set_script_prefix("/shipboard/")
    try:
        assert path_to("reviewer_list") == "/shipboard/reviewers/"
    finally:
        clear_script_prefix()
    assert path_to("reviewer_list") == "/reviewers/"


def stand_in(request):
    return HttpResponse()


urlpatterns = [path("elsewhere/reviewers/", stand_in, name="reviewer_list")]


def test_path_to_follows_an_overridden_urlconf():
    assert path_to("reviewer_list") == "/reviewers/"
    with override_settings(ROOT_URLCONF=__name__):
        assert path_to("reviewer_list") == "/elsewhere/reviewers/"
        with pytest.raises(NoReverseMatch):
            path_to("home")
    assert path_to("reviewer_list") == "/reviewers/"


def test_static_storage_is_whitenoises_with_each_url_looked_up_once(tmp_path, monkeypatch):
    storage = RememberingStaticStorage(location=tmp_path, base_url="/static/")
    assert isinstance(storage, CompressedManifestStaticFilesStorage)
    looked_up = []

    def counting_url(self, name, force=False):
        looked_up.append((name, force))
        return f"/static/{name}"

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", counting_url)
    assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage.url("css/site.css") == "/static/css/site.css"
    assert looked_up == [("css/site.css", False)]
    storage.url("css/site.css", force=True)  # force always asks again
    assert looked_up[-1] == ("css/site.css", True)
