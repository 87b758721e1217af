"""The vote tallies and the moderation log are read-only in the admin, even for a superuser:
tallies move only through votes (and `recount_votes`), the log only through release and void."""

from __future__ import annotations

import pytest

from tests.votes.factories import VoteTallyFactory
from votes.models import VoteTally

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["votetally", "moderationentry"])
def test_nobody_adds_a_row_by_hand(admin_client, model):
    assert admin_client.get(f"/admin/votes/{model}/").status_code == 200
    assert admin_client.get(f"/admin/votes/{model}/add/").status_code == 403


def test_a_tally_is_shown_but_not_changed_or_deleted_by_hand(admin_client):
    tally = VoteTallyFactory(ship_count=3)
    url = f"/admin/votes/votetally/{tally.pk}"
    assert admin_client.get(f"{url}/change/").status_code == 200
    assert admin_client.post(f"{url}/change/", {"ship_count": 99}).status_code == 403
    assert admin_client.post(f"{url}/delete/", {"post": "yes"}).status_code == 403
    assert VoteTally.objects.get().ship_count == 3
