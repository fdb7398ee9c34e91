"""The pain-point heatmap grid: metrics, order, worst cell and clicked cells."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.heatmap import build_heatmap, selected_cell, worst_cell

CELLS = pd.DataFrame(
    {
        "row": ["billing", "billing", "network"],
        "category": ["error", "price", "speed"],
        "volume": [10, 4, 30],
        "negative": [8, 1, 3],
        "judged": [10, 2, 30],
    }
)


def test_volume_and_negative_share_grids():
    grid = build_heatmap(CELLS, "volume", ["network", "billing"])
    assert grid.rows == ["network", "billing"]
    assert grid.columns == ["speed", "error", "price"]
    assert grid.values.loc["network", "speed"] == 30
    assert math.isnan(grid.values.loc["network", "error"])
    shares = build_heatmap(CELLS, "negative_share")
    assert shares.values.loc["billing", "price"] == 0.5
    assert worst_cell(shares) == ("billing", "error")
    assert worst_cell(grid) == ("network", "speed")


def test_unknown_metric_is_refused():
    with pytest.raises(InvalidInput):
        build_heatmap(CELLS, "loudness")


def test_selected_cell_reads_the_overlay_marker():
    assert selected_cell([{"x": 1, "customdata": ["billing", "error"]}]) == ("billing", "error")
    assert selected_cell([{"x": 1}]) is None
    assert selected_cell([]) is None
