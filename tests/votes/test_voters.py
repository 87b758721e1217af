from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from tests.tools.factories import ToolFactory
from tests.votes.factories import VoteFactory
from votes.voters import (
    VOTER_COOKIE,
    VOTER_COOKIE_MAX_AGE,
    new_voter_id,
    remember_voter,
    visitor_votes,
    voter_id_from,
)


def request_with_cookie(value: str | None):
    request = RequestFactory().get("/")
    if value is not None:
        request.COOKIES[VOTER_COOKIE] = value
    return request


def signed_cookie_for(voter_id: str) -> str:
    response = HttpResponse()
    remember_voter(response, voter_id)
    return response.cookies[VOTER_COOKIE].value


def test_voter_ids_are_random_and_unguessable():
    ids = {new_voter_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 32 for i in ids)


def test_cookie_is_signed_httponly_lax_for_a_year_and_secure_in_production():
    response = HttpResponse()
    remember_voter(response, "f" * 32)
    cookie = response.cookies[VOTER_COOKIE]
    assert cookie.value != "f" * 32 and cookie.value.startswith("f" * 32 + ":")
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["secure"]
    assert cookie["max-age"] == VOTER_COOKIE_MAX_AGE == 365 * 24 * 3600


@override_settings(DEBUG=True)
def test_cookie_is_not_secure_in_development_over_plain_http():
    response = HttpResponse()
    remember_voter(response, "f" * 32)
    assert not response.cookies[VOTER_COOKIE]["secure"]


def test_a_signed_cookie_gives_back_the_voter_id():
    assert voter_id_from(request_with_cookie(signed_cookie_for("c" * 32))) == "c" * 32


@pytest.mark.parametrize(
    "value",
    [None, "", "c" * 32, "c" * 32 + ":forged:signature", "not-a-cookie"],
)
def test_missing_unsigned_or_forged_cookie_means_no_voter(value):
    assert voter_id_from(request_with_cookie(value)) is None


def test_a_signed_value_that_is_not_a_voter_id_is_ignored():
    assert voter_id_from(request_with_cookie(signed_cookie_for("x' OR 1=1"))) is None


@pytest.mark.django_db
def test_visitor_votes_reads_every_tool_on_the_page_in_one_query(django_assert_num_queries):
    tools = [ToolFactory() for _ in range(4)]
    VoteFactory(tool=tools[0], voter_id="c" * 32, choice="ship")
    VoteFactory(tool=tools[2], voter_id="c" * 32, choice="skip")
    VoteFactory(tool=tools[1], voter_id="d" * 32, choice="ship")  # someone else's
    request = request_with_cookie(signed_cookie_for("c" * 32))
    with django_assert_num_queries(1):
        mine = visitor_votes(request, tools)
    assert mine.choices == {tools[0].pk: "ship", tools[2].pk: "skip"}
    assert mine.choice_for(tools[0]) == "ship" and mine.choice_for(tools[1]) is None


@pytest.mark.django_db
def test_a_visitor_without_a_voter_cookie_costs_no_query(django_assert_num_queries):
    tool = ToolFactory()
    with django_assert_num_queries(0):
        assert visitor_votes(request_with_cookie(None), [tool]).choices == {}
