"""A verdict records the version it judged; when the tool moves past it, it needs re-review."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory
from verdicts.models import Verdict

pytestmark = pytest.mark.django_db


def test_a_new_verdict_judges_the_tools_current_version():
    verdict = VerdictFactory(tool=ToolFactory(current_version="v3"))
    assert verdict.version == "v3"


def test_a_verdict_on_an_older_version_is_out_of_date_and_listed_for_rereview():
    tool = ToolFactory(current_version="v3")
    verdict = VerdictFactory(tool=tool)
    VerdictFactory(tool=ToolFactory(current_version=""), version="v1")  # no label: no claim
    assert not verdict.is_out_of_date
    tool.current_version = "v4"
    tool.save()
    verdict = Verdict.objects.select_related("tool").get(pk=verdict.pk)
    assert verdict.is_out_of_date
    assert list(Verdict.objects.to_rereview()) == [verdict]


def test_the_public_note_names_the_version_judged():
    verdict = VerdictFactory(tool=ToolFactory(current_version="v4"), version="v3")
    html = render_to_string("verdicts/_version_note.html", {"verdict": verdict})
    assert "Reviewed on v3 — may be out of date" in html and "(now v4)" in html
    verdict.version = "v4"
    assert "Reviewed on" not in render_to_string(
        "verdicts/_version_note.html", {"verdict": verdict}
    )
