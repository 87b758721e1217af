"""After a pick without JavaScript, the page it returns to says what the pick did, once
(the vote's one-shot outcome cookie, votes/flash.py, naming the pair)."""

from __future__ import annotations

import pytest

from tests.picks.conftest import PAGE, Picker
from votes.flash import OUTCOME_COOKIE

pytestmark = pytest.mark.django_db


def pick_status(html: str) -> str:
    line = html[html.index('id="head-to-head"') :]
    line = line[line.index('class="vote-form__status"') :]
    return " ".join(line[line.index(">") + 1 : line.index("</p>")].split())


def test_the_redirect_names_the_pair_lower_id_first_and_the_outcome(picker, pair):
    alpha, beta = pair
    response = picker.pick(first="beta", second="alpha", choice="beta", next=PAGE)
    assert response.status_code == 303
    assert response.cookies[OUTCOME_COOKIE].value == f"{alpha.pk}-{beta.pk}.created"


@pytest.mark.parametrize("page_cache", [True, False])
@pytest.mark.parametrize(
    ("picks", "said"),
    [
        ([{"choice": "beta"}], "Counted: your pick is Beta."),
        ([{"choice": "beta"}, {"choice": "neither"}], "Changed: your pick is now neither."),
        ([{"choice": "beta"}, {"undo": "1"}], "Your pick is withdrawn."),
    ],
)
def test_the_page_returned_to_words_the_outcome_once(settings, pair, picks, said, page_cache):
    settings.PAGE_CACHE = page_cache
    picker = Picker()
    picker.open()
    for data in picks:
        assert picker.pick(next=PAGE, **data)["Location"] == f"{PAGE}#head-to-head"
    landed = picker.open()
    assert pick_status(landed.content.decode()) == said
    assert landed.cookies[OUTCOME_COOKIE].value == ""
    assert pick_status(picker.open().content.decode()) != said
    assert "Counted:" not in Picker().open().content.decode()  # never in the shared copy


def test_a_vote_outcome_is_not_taken_for_a_pick(picker, pair):
    alpha, _ = pair
    picker.pick(choice="beta", next=PAGE)
    picker.client.cookies[OUTCOME_COOKIE] = f"{alpha.pk}.changed"
    assert pick_status(picker.open().content.decode()) == "Your pick: Beta."
