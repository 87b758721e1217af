"""README is the front door and docs/ holds the rest: every link between them leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
PAGES = [README, *sorted((REPO / "docs").rglob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)|\b(?:href|src)=\"([^\"]+)\"")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
FRONT_DOOR_MAX_LINES = 150


def heading_anchors(page: Path) -> set[str]:
    """GitHub's anchors: headings lower-cased, punctuation dropped, spaces as hyphens."""
    text = FENCE.sub("", page.read_text())
    headings = re.findall(r"^#+\s+(.+)$", text, flags=re.MULTILINE)
    return {
        re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-") for heading in headings
    }


def relative_links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text())
    links = [a or b for a, b in LINK.findall(text)]
    return [link for link in links if not re.match(r"^[a-z]+:", link)]


def test_readme_stays_a_front_door():
    lines = README.read_text().splitlines()
    assert len(lines) <= FRONT_DOOR_MAX_LINES, f"README.md has {len(lines)} lines"
    assert "make run" in README.read_text() and "make test" in README.read_text()


def test_readme_links_every_docs_page():
    linked = {(README.parent / link.split("#")[0]).resolve() for link in relative_links(README)}
    linked = {path / "README.md" if path.is_dir() else path for path in linked}
    pages = {page.resolve() for page in PAGES if page != README}
    assert not sorted(pages - linked), "README.md links no docs page for these"


def test_every_relative_link_and_anchor_exists():
    broken = []
    for page in PAGES:
        for link in relative_links(page):
            target, _, anchor = link.partition("#")
            path = (page.parent / target).resolve() if target else page
            if path.is_dir():
                path = path / "README.md"
            if not path.exists():
                broken.append(f"{page.relative_to(REPO)}: {link}")
            elif anchor and path.suffix == ".md" and anchor not in heading_anchors(path):
                broken.append(f"{page.relative_to(REPO)}: {link} (no such heading)")
    assert not broken, broken
