"""Slugs that cannot name a tool (NUL bytes, quotes, spaces) are unknown tools, never a 500.

PostgreSQL refuses a NUL byte in any string, so such input must not reach the database.
"""

from __future__ import annotations

import pytest

from tests.tools.factories import ToolFactory

pytestmark = pytest.mark.django_db

ODD = ["a%00b", "%27%3B--", "a%20b", "%F0%9F%9A%80", "%E2%80%AE"]


@pytest.fixture
def alpha(db):
    return ToolFactory(slug="alpha")


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize(
    "template",
    ["/compare/alpha-vs-{}/", "/compare/alpha-vs-{}.json", "/compare/alpha-vs-{}/share.png"],
)
def test_odd_slugs_in_compare_urls_answer_404(client, alpha, odd, template):
    assert client.get(template.format(odd)).status_code == 404


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("param", ["tools", "add_tool", "remove_tool"])
def test_odd_slugs_in_the_picker_get_a_page(client, alpha, odd, param):
    response = client.get(f"/compare/?tools=alpha&{param}={odd}")
    assert response.status_code == 200


@pytest.mark.parametrize("odd", ODD)
def test_comparing_an_odd_slug_says_there_is_no_such_tool(client, alpha, odd):
    response = client.get(f"/compare/?tools=alpha&tools={odd}&go=1")
    assert response.status_code == 400
    assert "There is no tool called" in response.content.decode()


def test_robots_keeps_crawlers_out_of_picker_states(client, db):
    assert "Disallow: /compare/?" in client.get("/robots.txt").content.decode()


# Odd slugs that sort before "zeta", so the requested order is already canonical and the
# page cache's stamp lookup would reach the database with them (a NUL there is a 500 on
# PostgreSQL). Every address that takes a slug answers 404 before any query.
ODD_FIRST = ["a%00", "code-llama-4%00", "a%0Ab", "%00", "a" * 121]
SLUG_ADDRESSES = [
    "/compare/{}-vs-zeta/",
    "/compare/{}-vs-zeta.json",
    "/compare/{}-vs-zeta/share.png",
    "/tools/{}/",
    "/tools/{}/share.png",
    "/tools/{}/badge.svg",
    "/reviewers/{}/",
    "/categories/{}/",
]


@pytest.mark.parametrize("odd", ODD_FIRST)
@pytest.mark.parametrize("template", SLUG_ADDRESSES)
def test_every_address_that_takes_a_slug_answers_404_for_an_odd_one(
    client, alpha, odd, template, django_assert_max_num_queries
):
    ToolFactory(slug="zeta")
    with django_assert_max_num_queries(0):
        assert client.get(template.format(odd)).status_code == 404


@pytest.mark.parametrize("odd", ODD_FIRST)
def test_a_vote_on_an_odd_slug_answers_404_before_any_query(
    client, alpha, odd, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):
        assert client.post(f"/tools/{odd}/vote/", {"choice": "ship"}).status_code == 404


def test_a_search_in_the_picker_with_odd_slugs_chosen_gets_a_page(client, alpha):
    response = client.get("/compare/?tools=alpha&tools=a%00b&q=al")
    assert response.status_code == 200
