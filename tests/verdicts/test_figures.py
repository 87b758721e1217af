from __future__ import annotations

import pytest

from verdicts.figures import PanelFigure


@pytest.mark.parametrize(
    ("ship", "total", "percent", "majority", "count"),
    [
        (0, 0, "—", "no verdicts yet", "No verdicts yet"),
        (1, 1, "—", "ship", "1 of 1 reviewer"),  # below the minimum of 3: no percentage
        (1, 2, "—", "split", "1 of 2 reviewers"),
        (1, 3, "33%", "skip", "1 of 3 reviewers"),
    ],
)
def test_panel_figure_labels(ship, total, percent, majority, count):
    figure = PanelFigure(ship_count=ship, total=total)
    assert figure.percent_label == percent
    assert figure.majority == majority
    assert figure.count_label == count
