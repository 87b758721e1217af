"""The Makefile is the front door's other half: `make help` lists every target, and `make run`
says what it does and serves where it says, with mail links that follow."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.test_docs import REPO

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")


def make(*args: str) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout


def phony_targets() -> list[str]:
    makefile = (REPO / "Makefile").read_text()
    return re.search(r"^\.PHONY:(.*)$", makefile, flags=re.MULTILINE).group(1).split()


def test_make_alone_lists_every_target_with_what_it_does():
    listed = make()
    for target in phony_targets():
        assert re.search(rf"^  make {target} +\S", listed, flags=re.MULTILINE), target
    assert listed == make("help")


def test_make_run_says_each_step_and_serves_where_it_says():
    # -n prints the recipes without running them; -B makes every step look due.
    plan = make("-n", "-B", "run", "PORT=8123")
    for step in (
        "Creating the Python environment",
        "Installing Shipboard and its dependencies",
        "about a minute",
        "Migrating",
        "Loading the demo data",
        "Serving Shipboard at http://127.0.0.1:8123/",
    ):
        assert step in plan, step
    assert "runserver 127.0.0.1:8123" in plan
    assert "SITE_URL=${SITE_URL:-http://127.0.0.1:8123}" in plan
