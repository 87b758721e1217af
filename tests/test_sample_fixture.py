"""The sample data: invented tools that show every feature, saying plainly that they are invented,
loaded after the demo without touching it."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from comparisons.models import Comparison
from core.text import plain_text, render_markdown
from tools.models import Category, PriceChange, Tool
from verdicts.models import Verdict, VerdictChange

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample.json"
SAMPLE_SLUGS = ["lanternfish-pr", "quaywise", "tidewater-review"]
THREE_TOOL_URL = "/compare/lanternfish-pr-vs-quaywise-vs-tidewater-review/"

pytestmark = pytest.mark.django_db


def sample_tools():
    return Tool.objects.filter(slug__in=SAMPLE_SLUGS).order_by("slug")


def test_the_sample_adds_to_the_demo_and_changes_none_of_it(demo_data):
    demo = json.loads((SAMPLE.parent / "demo.json").read_text())
    before = {(o["model"], o["pk"]) for o in demo}
    sample = {(o["model"], o["pk"]) for o in json.loads(SAMPLE.read_text())}
    assert not before & sample, "sample rows would overwrite demo rows"


def test_every_sample_tool_says_it_is_invented_and_links_nowhere_real(sample_data):
    tools = list(sample_tools())
    assert [tool.slug for tool in tools] == SAMPLE_SLUGS
    for tool in tools:
        assert tool.tagline.startswith("Invented sample tool")
        assert "(invented)" in tool.vendor
        assert "this tool is invented" in tool.description_html
        links = [tool.homepage_url, tool.download_url, tool.docs_url]
        # .example is reserved (RFC 2606): it can never be a real product's site.
        assert all(urlsplit(link).hostname.endswith(".example") for link in links if link)
        assert tool.homepage_url


def test_the_sample_shows_a_second_category_tiers_a_split_a_skip_and_a_change(sample_data):
    assert Category.objects.count() == 2
    for tool in sample_tools():
        assert tool.pricing_tiers.count() >= 2
    decisions = {
        tool.slug: sorted(tool.verdicts.values_list("decision", flat=True))
        for tool in sample_tools()
    }
    assert decisions["tidewater-review"] == ["ship", "ship", "ship", "skip"]  # a split
    assert decisions["lanternfish-pr"].count("skip") == 3  # mostly skip
    assert decisions["quaywise"] == ["ship", "ship", "ship"]  # unanimous, three reviewers
    change = VerdictChange.objects.get()
    assert change.verdict.tool.slug == "tidewater-review" and change.was_public


def test_stored_html_and_text_match_what_save_would_store(sample_data):
    for tool in sample_tools():
        assert tool.description_html == render_markdown(tool.description)
    for verdict in Verdict.objects.filter(tool__slug__in=SAMPLE_SLUGS):
        assert verdict.body_html == render_markdown(verdict.body)
        assert verdict.body_text == plain_text(verdict.body_html)


def test_the_three_sample_tools_compare_side_by_side_with_an_editorial_read(sample_data, client):
    response = client.get(THREE_TOOL_URL)
    assert response.status_code == 200
    page = response.content.decode()
    for tool in sample_tools():
        assert tool.name in page
    assert "https://tidewater-review.example/" in page
    comparison = Comparison.objects.get(lineup_key__isnull=False, entries__position=3)
    assert comparison.get_absolute_url() == THREE_TOOL_URL
    assert '<details class="editorial">' in page  # the editorial read, not just the board
    assert "A sample comparison of invented tools" in page


def test_home_lists_the_sample_comparisons_beside_the_seed(sample_data, client):
    page = client.get("/").content.decode()
    for comparison in Comparison.objects.all():
        assert comparison.get_absolute_url() in page
    assert Comparison.objects.count() == 3
    for comparison in Comparison.objects.filter(pk__in=[101, 102]):
        assert comparison.summary_html == render_markdown(comparison.summary)
        assert comparison.summary_text == plain_text(comparison.summary_html)


def test_tidewater_has_tiers_a_price_change_and_a_verdict_on_an_older_version(sample_data, client):
    page = client.get("/tools/tidewater-review/").content.decode()
    assert "$19" in page and "On request" in page
    tool = Tool.objects.get(slug="tidewater-review")
    assert PriceChange.objects.for_tool(tool).get().new_price == 19
    [older] = [verdict for verdict in Verdict.objects.filter(tool=tool) if verdict.is_out_of_date]
    assert older.version == "v2" and tool.current_version == "v3"
