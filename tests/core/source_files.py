"""The project's own Python files, for the tests that read source rather than run it (the
floors of the house, plain Django, the one "is public" rule)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The site's app folders the source scans cover; each scan adds what else it reads.
APPS = [
    "core",
    "tools",
    "verdicts",
    "votes",
    "picks",
    "throttle",
    "comparisons",
    "trust",
    "newsletter",
    "desk",
]


def python_files(*folders: str, migrations: bool = True) -> list[Path]:
    """Every .py file under the named top-level folders, folder by folder, each sorted."""
    return [
        path
        for folder in folders
        for path in sorted((REPO / folder).rglob("*.py"))
        if migrations or "migrations" not in path.parts
    ]
