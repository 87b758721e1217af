"""The comparison page answers first and says each thing once (issue #11), as rendered HTML."""

from __future__ import annotations

import pytest

from tests.comparisons.factories import ComparisonFactory
from tests.conftest import DEMO_COMPARE_URL
from tests.tools.factories import PricingTierFactory, ToolFactory
from tests.verdicts.factories import ReviewerFactory, VerdictFactory
from verdicts.models import Decision

pytestmark = pytest.mark.django_db


def _body(client, url: str) -> str:
    return client.get(url).content.decode().split("<main", 1)[1]


def test_the_seed_page_opens_with_the_bottom_line_and_each_tools_ship_if_line(client, demo_data):
    html = _body(client, DEMO_COMPARE_URL)
    assert "Both earn a unanimous ship from the panel, for different jobs." in html
    answer = html.split('class="cards cards--2"')[1].split("</section>")[0]
    assert "Ship with Code Llama 4 when the job is code:" in answer
    assert "Ship with Mistral 8B Instruct v3 when you need a small general-purpose model" in answer
    assert (
        html.index("Bottom line")
        < html.index('class="cards cards--2"')
        < html.index("Reviewer scorecard")
    )


def test_each_figure_is_said_once(client, demo_data):
    html = _body(client, DEMO_COMPARE_URL)
    assert "Panel verdict" not in html and "Community vote" not in html
    assert html.count(">100%<") == 2  # one panel figure per tool, in its card
    assert html.count('class="figure figure--community"') == 2


def test_the_full_editorial_read_is_folded_behind_details(client, demo_data):
    html = _body(client, DEMO_COMPARE_URL)
    folded = html.split('<details class="editorial">')[1].split("</details>")[0]
    assert "Budget for multi-GPU hardware before you reach for the 400B." in folded


def test_a_pair_without_a_comparison_shows_each_tools_tagline(client):
    ToolFactory(slug="alpha", tagline="Alpha writes code")
    ToolFactory(slug="beta", tagline="Beta reads code")
    html = _body(client, "/compare/alpha-vs-beta/")
    assert '<p class="tagline">Alpha writes code</p>' in html
    assert 'class="ship-if"' not in html and "Bottom line" not in html


def test_a_comparison_of_three_tools_gives_each_its_line(client):
    tools = [ToolFactory(slug=slug) for slug in ("alpha", "beta", "gamma")]
    ComparisonFactory(
        tools=tools, ship_if=["Ship Alpha for code.", "", "Ship Gamma for search."],
        bottom_line="Alpha for code, Gamma for search.",
    )  # fmt: skip
    html = _body(client, "/compare/alpha-vs-beta-vs-gamma/")
    assert "Alpha for code, Gamma for search." in html
    assert '<p class="ship-if">Ship Alpha for code.</p>' in html
    assert '<p class="ship-if">Ship Gamma for search.</p>' in html
    assert f'<p class="tagline">{tools[1].tagline}</p>' in html  # no line: the tagline


def test_no_split_is_one_line_and_no_table(client, demo_data):
    html = _body(client, DEMO_COMPARE_URL)
    assert "No split: all 4 reviewers made the same call on every tool." in html
    assert "split-table" not in html


def test_the_split_shows_only_the_reviewers_who_disagree(client):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    sam, ada = ReviewerFactory(name="Sam Split"), ReviewerFactory(name="Ada Agree")
    VerdictFactory(tool=alpha, reviewer=sam, decision=Decision.SHIP)
    VerdictFactory(tool=beta, reviewer=sam, decision=Decision.SKIP)
    VerdictFactory(tool=alpha, reviewer=ada, decision=Decision.SHIP)
    VerdictFactory(tool=beta, reviewer=ada, decision=Decision.SHIP)
    html = _body(client, "/compare/alpha-vs-beta/")
    table = html.split('class="compare-table split-table')[1].split("</table>")[0]
    assert "Sam Split" in table and "Ada Agree" not in table
    assert "1 of 2 reviewers split their call." in html


def test_no_verdict_is_never_counted_as_agreement(client):
    alpha, beta, gamma = (ToolFactory(slug=s) for s in ("alpha", "beta", "gamma"))
    for reviewer in ReviewerFactory.create_batch(3):
        VerdictFactory(tool=alpha, reviewer=reviewer, decision=Decision.SHIP)
        VerdictFactory(tool=beta, reviewer=reviewer, decision=Decision.SHIP)
    html = _body(client, "/compare/alpha-vs-beta-vs-gamma/")
    assert "No split among the calls made, but only 0 of 3 reviewers judged every tool" in html
    assert "same call on every tool" not in html


def test_the_scorecard_quotes_each_verdicts_lead_with_the_rest_folded_and_dated(client):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    VerdictFactory(tool=alpha, body="It ships on day one. The docs are thin, though.")
    VerdictFactory(tool=beta, body="One sentence only.", headline="")
    VerdictFactory(tool=beta, body="Long reasoning. More of it.", headline="Skip it for now")
    html = _body(client, "/compare/alpha-vs-beta/")
    assert '<blockquote class="quote__lead">It ships on day one.</blockquote>' in html
    assert '<blockquote class="quote__lead">Skip it for now</blockquote>' in html
    assert html.count('<details class="quote__more">') == 2  # the one-sentence verdict has none
    assert "The docs are thin, though." in html.split('<details class="quote__more">')[1]
    assert html.count('class="quote__date"') == 3


def test_pricing_is_each_tools_own_tiers_and_zero_reads_free(client):
    alpha, beta = ToolFactory(slug="alpha"), ToolFactory(slug="beta")
    PricingTierFactory(tool=alpha, name="Community", price=0, billing_unit="per user / month")
    PricingTierFactory(tool=alpha, name="Team", price=20, billing_unit="per user / month")
    PricingTierFactory(tool=beta, name="Weights", price=0, billing_unit="self-hosted")
    html = _body(client, "/compare/alpha-vs-beta/")
    pricing = html.split('id="pricing-heading"')[1].split("</section>\n  </section>")[0]
    assert "Tier 1" not in pricing and "Free per user" not in pricing
    assert '<span class="tier__price">Free</span>' in pricing
    assert '<span class="tier__price">$20 per user / month</span>' in pricing
    assert '<span class="tier__price">Free, self-hosted</span>' in pricing
    assert pricing.index("Community") < pricing.index("Team") < pricing.index("Weights")


def test_every_card_links_how_we_count(client, demo_data):
    html = _body(client, DEMO_COMPARE_URL)
    assert html.count('href="/methodology/#minimums">How we count</a>') == 2
