"""export_verdicts and import_verdicts: a round trip changes nothing; one bad row stops all."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from core.publishing import PublishStatus
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Verdict, VerdictChange

pytestmark = pytest.mark.django_db

HEADER = "tool,reviewer,decision,version,status,published_at,body\n"


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_verdicts", *args, stdout=out)
    return out.getvalue()


def run_import(tmp_path, text: str, *args) -> str:
    path = tmp_path / "verdicts.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_verdicts", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_export_names_tools_and_reviewers_by_slug(demo_data):
    text = export("--comparison", "code-llama-4-vs-mistral-8b-instruct-v3")
    lines = text.splitlines()
    assert lines[0] == HEADER.strip()
    assert lines[1].startswith("code-llama-4,maya-chen,ship,,published,2026-11-20T09:00:00+00:00,")
    assert text.count("\ncode-llama-4,") == 4 and text.count("\nmistral-8b-instruct-v3,") == 4


def test_comparison_narrows_the_export():
    inside, outside = VerdictFactory(), VerdictFactory()
    other = ToolFactory()
    text = export("--comparison", f"{inside.tool.slug}-vs-{other.slug}")
    assert inside.tool.slug in text and outside.tool.slug not in text


def test_an_unknown_comparison_is_refused():
    with pytest.raises(CommandError, match="no tool nada, nope"):
        export("--comparison", "nope-vs-nada")


def test_an_unchanged_export_imports_as_no_change(tmp_path, demo_data):
    before = list(Verdict.objects.values_list("updated_at", flat=True).order_by("pk"))
    output = run_import(tmp_path, export())
    assert "0 to create, 0 to update, 8 unchanged" in output
    assert list(Verdict.objects.values_list("updated_at", flat=True).order_by("pk")) == before


def test_import_creates_and_updates_through_the_services(tmp_path):
    verdict = VerdictFactory(decision="ship")
    reviewer = ReviewerFactory()
    text = export().replace(",ship,", ",skip,")
    text += f"{verdict.tool.slug},{reviewer.slug},ship,v2,draft,2026-11-20T09:00:00Z,New one\n"
    output = run_import(tmp_path, text)
    assert "1 to create, 1 to update, 0 unchanged" in output
    change = VerdictChange.objects.get()
    assert (change.from_decision, change.to_decision) == ("ship", "skip")
    created = Verdict.objects.get(reviewer=reviewer)
    assert (created.status, created.version, created.body) == (
        PublishStatus.DRAFT, "v2", "New one",
    )  # fmt: skip


def test_dry_run_prints_the_changes_and_writes_nothing(tmp_path):
    VerdictFactory(decision="ship")
    output = run_import(tmp_path, export().replace(",ship,", ",skip,"), "--dry-run")
    assert "Row 1: update" in output and "(decision)" in output
    assert "Nothing was written." in output
    assert Verdict.objects.get().decision == "ship"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("nope,{reviewer},ship,,published,2026-11-20T09:00:00Z,x", "Row 2: unknown tool 'nope'"),
        ("{tool},{reviewer},maybe,,published,2026-11-20T09:00:00Z,x", "Row 2: decision 'maybe'"),
        ("{tool},{reviewer},ship,,published,20 Nov,x", "Row 2: published_at '20 Nov'"),
        ("{tool},{reviewer},ship,,live,2026-11-20T09:00:00Z,x", "Row 2: status 'live'"),
    ],
)
def test_one_bad_row_stops_the_whole_import(tmp_path, row, problem):
    tool, first, second = ToolFactory(), ReviewerFactory(), ReviewerFactory()
    good = f"{tool.slug},{first.slug},ship,,published,2026-11-20T09:00:00Z,Fine\n"
    bad = row.format(tool=tool.slug, reviewer=second.slug)
    with pytest.raises(CommandError, match=problem):
        run_import(tmp_path, HEADER + good + bad + "\n")
    assert not Verdict.objects.exists()


def test_a_repeated_verdict_is_refused(tmp_path):
    tool, reviewer = ToolFactory(), ReviewerFactory()
    row = f"{tool.slug},{reviewer.slug},ship,,published,2026-11-20T09:00:00Z,Fine\n"
    with pytest.raises(CommandError, match="already in row 1"):
        run_import(tmp_path, HEADER + row + row)
