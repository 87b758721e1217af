from __future__ import annotations

import pytest

from tests.conftest import DEMO_COMPARE_URL
from tests.tools.factories import ToolFactory
from tests.verdicts.factories import VerdictFactory

pytestmark = pytest.mark.django_db


def test_tool_page_shows_card_and_all_its_verdicts(client, demo_data):
    response = client.get("/tools/mistral-8b-instruct-v3/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Mistral 8B Instruct v3</h1>" in html
    assert "Open-source 8B model that claims to beat GPT-4o Mini. Apache 2.0." in html
    assert html.count('class="quote quote--ship"') == 4
    assert "Code Llama 4" not in html.split("Reviewer scorecard")[1].split("Compared with")[0]
    assert f'href="{DEMO_COMPARE_URL}"' in html


def test_unknown_tool_page_is_404(client, db):
    assert client.get("/tools/nope/").status_code == 404


def test_tool_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    tool = ToolFactory(slug="alpha")
    VerdictFactory.create_batch(12, tool=tool)
    with django_assert_max_num_queries(5):
        assert client.get("/tools/alpha/").status_code == 200
