"""Screenshots of the decision page for docs/screenshots/, and the seed page's heights.

Run against a running site that has the four-tool data (see tests/browser/a11y.py):
    .venv/bin/python bench/screenshots.py http://127.0.0.1:8765 docs/screenshots
Uses Debian's Chromium through Playwright, never a downloaded browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

SEED = "/compare/code-llama-4-vs-mistral-8b-instruct-v3/"
THREE = "/compare/code-llama-4-vs-mistral-8b-instruct-v3-vs-pixel-pilot/"
FOUR = "/compare/code-llama-4-vs-mistral-8b-instruct-v3-vs-pixel-pilot-vs-vector-vault/"
SHOTS = [
    ("comparison", SEED, 1280, "light"),
    ("comparison", SEED, 375, "light"),
    ("comparison-3-tools", THREE, 1280, "light"),
    ("comparison-3-tools", THREE, 375, "light"),
    ("comparison-4-tools", FOUR, 1280, "light"),
    ("comparison-4-tools", FOUR, 375, "light"),
    ("comparison-dark", SEED, 1280, "dark"),
]


def main(base: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for name, path, width, scheme in SHOTS:
            context = browser.new_context(
                viewport={"width": width, "height": 800 if width > 720 else 812},
                color_scheme=scheme,
                is_mobile=width < 720,
                device_scale_factor=1,
            )
            page = context.new_page()
            page.goto(base + path)
            height = page.evaluate("document.documentElement.scrollHeight")
            target = folder / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            print(f"{target}: {width}px wide, {height}px tall ({scheme})")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
