"""The comparison page stays light: what a first visit downloads, counted in a real browser.

The strict measure: uncompressed bytes of every response body (HTML, CSS, JS, images, fonts)
a fresh browser context fetches, with an empty cache, from the live server. Compression on
the wire only makes the real figure smaller.
"""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest

from tests.browser.a11y import THREE_TOOL_COMPARE_URL, load_demo_with_a_third_tool
from tests.conftest import DEMO_COMPARE_URL

HTML_BUDGET = 60 * 1024
FIRST_VISIT_BUDGET = 150 * 1024


@pytest.fixture
def demo_live(transactional_db, live_server):
    load_demo_with_a_third_tool()
    return live_server.url


def first_visit(browser, url: str) -> list[dict]:
    """Every response a new, cache-less browser context receives while loading `url`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    responses = []
    context.on("response", lambda response: responses.append(response))
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        rows = []
        for response in responses:
            if 300 <= response.status < 400:
                continue  # a redirect has no body; its target is counted
            body = response.body()
            parts = urlsplit(response.url)
            rows.append(
                {
                    "path": parts.path,
                    "origin": f"{parts.scheme}://{parts.netloc}",
                    "type": response.request.resource_type,
                    "status": response.status,
                    "bytes": len(body),
                    "gzipped": len(gzip.compress(body, compresslevel=6)),
                }
            )
        return rows
    finally:
        context.close()


def report(rows: list[dict]) -> str:
    lines = [
        f"{row['bytes']:>8,} B (gzip {row['gzipped']:>6,} B)  {row['type']:<10} {row['path']}"
        for row in rows
    ]
    total, gzipped = sum(row["bytes"] for row in rows), sum(row["gzipped"] for row in rows)
    lines.append(f"{total:>8,} B (gzip {gzipped:>6,} B)  total ({len(rows)} responses)")
    return "\n".join(lines)


@pytest.mark.parametrize("path", [DEMO_COMPARE_URL, THREE_TOOL_COMPARE_URL], ids=["2", "3"])
def test_comparison_page_html_and_first_visit_stay_under_budget(browser, demo_live, path):
    rows = first_visit(browser, demo_live + path)
    print(f"\n{path}, first visit (uncompressed bodies):\n" + report(rows))
    documents = [row for row in rows if row["type"] == "document"]
    assert [row["path"] for row in documents] == [path]
    assert all(row["status"] == 200 for row in rows), report(rows)
    # The page really loaded its stylesheet and scripts: the sum below is not of HTML alone.
    assert {"stylesheet", "script"} <= {row["type"] for row in rows}, report(rows)
    assert documents[0]["bytes"] < HTML_BUDGET, report(rows)
    assert sum(row["bytes"] for row in rows) < FIRST_VISIT_BUDGET, report(rows)


def test_htmx_is_served_from_static_and_nothing_from_another_origin(browser, demo_live):
    rows = first_visit(browser, demo_live + DEMO_COMPARE_URL)
    scripts = [row["path"] for row in rows if row["type"] == "script"]
    assert any(path.startswith("/static/js/htmx") and path.endswith(".js") for path in scripts), (
        scripts
    )
    assert {row["origin"] for row in rows} == {demo_live}, report(rows)
