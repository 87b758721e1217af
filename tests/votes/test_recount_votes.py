from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteFactory, VoteTallyFactory
from votes.models import VoteTally
from votes.services import cast_vote

pytestmark = pytest.mark.django_db


def recount(*args: str) -> str:
    out = StringIO()
    call_command("recount_votes", *args, stdout=out)
    return out.getvalue()


def counts(tool) -> tuple[int, int]:
    tally = VoteTally.objects.get(tool=tool)
    return tally.ship_count, tally.skip_count


def test_tallies_kept_by_votes_show_no_drift():
    tool = ToolFactory()
    for n, choice in enumerate(["ship", "ship", "skip"]):
        cast_vote(tool=tool, voter_id=f"{n:032x}", choice=choice)
    assert "Recounted 1 tool: no drift." in recount()
    assert counts(tool) == (2, 1)


def test_a_deliberately_broken_tally_is_rebuilt_from_the_rows_and_reported():
    tool = ToolFactory(slug="alpha")
    for n, choice in enumerate(["ship", "ship", "skip"]):
        cast_vote(tool=tool, voter_id=f"{n:032x}", choice=choice)
    VoteTally.objects.filter(tool=tool).update(ship_count=40, skip_count=0)
    output = recount()
    assert "alpha: counted tally said 40 ship / 0 skip, rows say 2 ship / 1 skip" in output
    assert "(ship -38, skip +1) — fixed" in output
    assert "Fixed drift on 1 of 1 tool." in output
    assert counts(tool) == (2, 1)
    assert "no drift" in recount()


def test_dry_run_reports_drift_and_fixes_nothing():
    tool = ToolFactory(slug="alpha")
    VoteFactory(tool=tool, choice="skip")
    VoteTallyFactory(tool=tool, ship_count=5, skip_count=0)
    output = recount("--dry-run")
    assert "alpha: counted tally said 5 ship / 0 skip, rows say 0 ship / 1 skip" in output
    assert "Drift on 1 of 1 tool; not fixed." in output
    assert counts(tool) == (5, 0)


def test_votes_without_a_tally_get_one_and_a_tally_without_votes_goes_to_zero():
    counted, orphan, quiet = ToolFactory(slug="counted"), ToolFactory(slug="orphan"), ToolFactory()
    VoteFactory.create_batch(3, tool=counted, choice="ship")
    VoteTallyFactory(tool=orphan, ship_count=2, skip_count=7)
    output = recount()
    assert "Fixed drift on 2 of 2 tools." in output
    assert counts(counted) == (3, 0) and counts(orphan) == (0, 0)
    assert not VoteTally.objects.filter(tool=quiet).exists()
