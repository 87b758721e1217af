from __future__ import annotations

import pytest
from django.core.management import call_command

DEMO_COMPARE_URL = "/compare/code-llama-4-vs-mistral-8b-instruct-v3/"


@pytest.fixture
def demo_data(db):
    """The seed comparison, loaded from the demo fixture exactly as `make run` loads it."""
    call_command("loaddata", "demo", verbosity=0)
