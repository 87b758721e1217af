from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.test import Client

from core.publishing import PublishStatus
from tests.comparisons.factories import ComparisonFactory
from tests.conftest import DEMO_COMPARE_URL
from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from tests.votes.factories import VoteTallyFactory
from verdicts.models import Decision
from votes.services import cast_vote
from votes.voters import VOTER_COOKIE, remember_voter

pytestmark = pytest.mark.django_db


def test_demo_page_shows_both_tools_and_the_question(client, demo_data):
    response = client.get(DEMO_COMPARE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Code Llama 4 (70B &amp; 400B)" in html
    assert "Mistral 8B Instruct v3" in html
    assert "which one should you ship with?" in html.split("</title>")[0]
    assert html.count("<h1") == 1


def test_demo_page_shows_panel_community_and_entry_figures(client, demo_data):
    html = client.get(DEMO_COMPARE_URL).content.decode()
    assert html.count('<span class="figure__value">100%</span>') == 2
    assert html.count('<span class="figure__value">—</span>') == 2
    assert html.count('<span class="figure__value">Free</span>') == 2
    assert html.count("ship · 4 of 4 reviewers") == 2
    assert "Apache 2.0" in html and "Permissive research licence" in html


def test_demo_page_shows_every_reviewer_and_no_split(client, demo_data):
    html = client.get(DEMO_COMPARE_URL).content.decode()
    for name in ["Maya Chen", "Victor Hale", "Nova Okafor", "Ruth Banerjee"]:
        assert name in html
    assert "No split: all 4 reviewers made the same call on every tool." in html
    assert "split-table" not in html
    assert "Weekly AI Tool Verdicts" in html
    assert "Get the next comparison in your inbox" in html
    assert "We compare them before you waste an afternoon." in html


def test_reversed_pair_redirects_permanently_to_alphabetical_url(client, demo_data):
    response = client.get("/compare/mistral-8b-instruct-v3-vs-code-llama-4/")
    assert response.status_code == 301
    assert response["Location"] == DEMO_COMPARE_URL


def test_unknown_tool_answers_404_naming_it(client, demo_data):
    response = client.get("/compare/code-llama-4-vs-no-such-tool/")
    assert response.status_code == 404
    assert "No tool called no-such-tool." in response.content.decode()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/compare/code-llama-4/", "at least two tools"),
        ("/compare/code-llama-4-vs-code-llama-4/", "named twice"),
        ("/compare/a-vs-b-vs-c-vs-d-vs-e/", "at most 4"),
    ],
)
def test_impossible_comparisons_answer_400_with_a_reason(client, path, message):
    response = client.get(path)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_pair_without_editorial_comparison_still_gets_side_by_side(client):
    first = ToolFactory(slug="alpha", name="Alpha")
    second = ToolFactory(slug="beta", name="Beta")
    VerdictFactory(tool=first, decision=Decision.SHIP)
    response = client.get("/compare/alpha-vs-beta/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Our read" not in html
    assert "Alpha" in html and second.name in html


def test_draft_comparison_summary_is_not_shown(client):
    comparison = ComparisonFactory(status=PublishStatus.DRAFT, summary="Secret editorial draft")
    url = comparison.get_absolute_url()
    assert "Secret editorial draft" not in client.get(url).content.decode()


def test_split_reviewer_row_is_marked(client):
    first, second = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    reviewer = ReviewerFactory(name="Sam Split")
    VerdictFactory(tool=first, reviewer=reviewer, decision=Decision.SHIP)
    VerdictFactory(tool=second, reviewer=reviewer, decision=Decision.SKIP)
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    table = html.split('class="compare-table split-table')[1].split("</table>")[0]
    assert "Sam Split" in table and "✓</span> Ship" in table and "✕</span> Skip" in table
    assert "1 of 1 reviewer split their call." in html


def test_panel_percentage_counts_only_published_verdicts(client):
    first, _ = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    VerdictFactory(tool=first, decision=Decision.SHIP)
    VerdictFactory(tool=first, decision=Decision.SKIP)
    VerdictFactory(tool=first, decision=Decision.SKIP, status=PublishStatus.DRAFT)
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert 'figure__value--words">1 of 2 reviewers: ship — an even split</span>' in html
    assert "50%" not in html  # two verdicts are below the minimum of three


def test_community_figure_reads_the_tally(client):
    first, _ = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    VoteTallyFactory(tool=first, ship_count=9, skip_count=3)
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert '<span class="figure__value">75%</span>' in html
    assert "12 votes" in html and "95% interval: 47–91%" in html


def test_query_count_is_fixed_with_twenty_reviewers(client, django_assert_max_num_queries):
    tools = [ToolFactory(slug="alpha"), ToolFactory(slug="beta")]
    ComparisonFactory(tools=[tools[0], tools[1]])
    for tool in tools:
        VoteTallyFactory(tool=tool, ship_count=5, skip_count=5)
        PricingTierFactory.create_batch(3, tool=tool)
    for _ in range(20):
        reviewer = ReviewerFactory()
        for tool in tools:
            VerdictFactory(tool=tool, reviewer=reviewer)
    with django_assert_max_num_queries(9) as captured:
        response = client.get("/compare/alpha-vs-beta/")
    assert response.status_code == 200
    assert response.content.decode().count('class="quote quote--ship"') == 40
    # A first load: the page cache's stamp read, the tools (with category and tally) and their
    # tiers, the comparison and its lineup, the verdicts (with reviewers) and their history, the
    # head-to-head tally, then the next scheduled publication.
    assert len(captured.captured_queries) == 9
    with django_assert_max_num_queries(1):  # every later load: the stamp read alone
        assert client.get("/compare/alpha-vs-beta/")["X-Page-Cache"] == "hit"


# --- Community votes on the comparison page ------------------------------------------------

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+')
# The whole per-visitor panel, between the markers the page cache fills it by.
VOTE_PANEL = re.compile(r"<!--vote-panel:(\d+)-->.*?<!--/vote-panel:\1-->", re.DOTALL)
PICK_PANEL = re.compile(r"<!--pick-panel:([\d-]+)-->.*?<!--/pick-panel:\1-->", re.DOTALL)


def voter_client(voter_id: str) -> Client:
    """A client carrying a signed voter cookie, as the vote endpoint issues it."""
    response = HttpResponse()
    remember_voter(response, voter_id)
    client = Client()
    client.cookies[VOTER_COOKIE] = response.cookies[VOTER_COOKIE].value
    return client


def test_each_card_carries_a_plain_vote_form_with_csrf_and_two_buttons(client):
    ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    for slug in ["alpha", "beta"]:
        assert f'<form class="vote-form" method="post" action="/tools/{slug}/vote/"' in html
        assert f'id="vote-{slug}-ship" type="submit" name="choice" value="ship"' in html
        assert f'id="vote-{slug}-skip" type="submit" name="choice" value="skip"' in html
    # Two vote forms, the head-to-head pick and the newsletter form.
    assert html.count('type="hidden" name="csrfmiddlewaretoken"') == 4
    assert "hx-headers" not in html  # the token travels in the form, not on <body>


def test_voter_sees_their_votes_pressed_within_the_query_budget(django_assert_max_num_queries):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    for tool, choice in [(alpha, "ship"), (beta, "skip")]:
        cast_vote(tool=tool, voter_id="c" * 32, choice=choice)
    client = voter_client("c" * 32)
    with django_assert_max_num_queries(10) as captured:
        html = client.get("/compare/alpha-vs-beta/").content.decode()
    # First load: stamp, the page's 6, next publication, then this visitor's votes in one and
    # their head-to-head picks in one.
    assert len(captured.captured_queries) <= 10
    assert 'id="vote-alpha-ship" type="submit" name="choice" value="ship" aria-pressed="true"' in (
        html
    )
    assert 'id="vote-beta-skip" type="submit" name="choice" value="skip" aria-pressed="true"' in (
        html
    )
    assert html.count('aria-pressed="true"') == 2


def test_page_is_identical_for_every_visitor_outside_the_vote_and_pick_panels(client):
    alpha, _ = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    cast_vote(tool=alpha, voter_id="c" * 32, choice="ship")
    cast_vote(tool=alpha, voter_id="d" * 32, choice="skip")
    pages = [
        c.get("/compare/alpha-vs-beta/").content.decode()
        for c in [voter_client("c" * 32), voter_client("d" * 32), client]
    ]
    assert pages[0] != pages[1]  # the panels differ ...
    # Outside the vote and pick panels, only the newsletter form's CSRF token is the visitor's.
    stripped = [
        CSRF_VALUE.sub(r"\1-", PICK_PANEL.sub("", VOTE_PANEL.sub("", page))) for page in pages
    ]
    assert all(len(VOTE_PANEL.findall(page)) == 2 for page in pages)
    assert stripped[0] == stripped[1] == stripped[2]  # ... and nothing else does
    assert stripped[0].count("csrfmiddlewaretoken") == 1 and "aria-pressed" not in stripped[0]


def test_community_figure_says_too_few_votes_to_call_under_ten(client):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    VoteTallyFactory(tool=alpha, ship_count=6, skip_count=3)
    VoteTallyFactory(tool=beta, ship_count=6, skip_count=4)
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert 'figure__value--words">9 votes — too few to call</span>' in html
    assert html.split("<body")[1].count("too few to call") == 1  # said once, in alpha's card
    assert "67%" not in html
    assert '<span class="figure__count">ship · 10 votes</span>' in html


def test_panel_and_community_side_by_side_with_a_sentence_at_30_points_apart(client):
    alpha, beta = ToolFactory(slug="alpha", name="Alpha"), ToolFactory(slug="beta", name="Beta")
    for tool in (alpha, beta):
        VerdictFactory.create_batch(3, tool=tool, decision=Decision.SHIP)  # panel: 100% on both
    VoteTallyFactory(tool=alpha, ship_count=7, skip_count=3)  # 70%: exactly 30 points apart
    VoteTallyFactory(tool=beta, ship_count=71, skip_count=29)  # 71%: 29 points apart
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    community = html.split("<main")[1]
    assert community.count("<dt>Community</dt>") == 2 and community.count("<dt>Panel</dt>") == 2
    assert (
        "Voters are more doubtful about Alpha than the panel: 70% of voters would ship it, "
        "against 100% of reviewers." in community
    )
    # One sentence only: Beta's 29 points are under the threshold.
    assert community.count("than the panel") == 1


def test_no_disagreement_sentence_while_the_community_is_too_small_to_call(client):
    alpha, _ = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    VerdictFactory(tool=alpha, decision=Decision.SHIP)
    VoteTallyFactory(tool=alpha, ship_count=0, skip_count=9)
    html = client.get("/compare/alpha-vs-beta/").content.decode()
    assert "Voters are" not in html
