"""The seed comparison's data, as an editor types it (from fixtures/demo.json), and a counter of
the screens an editor goes through: every page the browser loads in its main frame."""

from __future__ import annotations

import json
from pathlib import Path

DEMO = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "demo.json").read_text())


def rows(model: str) -> list[dict]:
    return [row["fields"] | {"pk": row["pk"]} for row in DEMO if row["model"] == model]


CATEGORY = rows("tools.category")[0]
TOOLS = rows("tools.tool")
TIERS = {tier["tool"]: tier for tier in rows("tools.pricingtier")}
REVIEWERS = rows("verdicts.reviewer")
VERDICTS = rows("verdicts.verdict")
COMPARISON = rows("comparisons.comparison")[0]


class ScreenCounter:
    """Counts the main-frame page loads of `page` (a form, the page after its POST...)."""

    def __init__(self, page):
        self.urls: list[str] = []
        page.on(
            "framenavigated",
            lambda frame: self.urls.append(frame.url) if frame == page.main_frame else None,
        )

    @property
    def count(self) -> int:
        return len(self.urls)
