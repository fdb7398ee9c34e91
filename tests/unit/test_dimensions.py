"""Dimension pivot shares and the significance of a period's change."""

from __future__ import annotations

import pandas as pd

from cxdash.dimensions import period_change, pivot, rising, wide


def test_pivot_shares_add_up_per_value():
    counts = pd.DataFrame(
        {
            "category": ["a", "b", "a", "b"],
            "value": ["x", "x", "y", "y"],
            "items": [30, 10, 5, 5],
            "negative": [15, 0, 5, 1],
        }
    )
    cells = pivot(counts)
    assert cells.groupby("value")["share"].sum().round(9).tolist() == [1.0, 1.0]
    assert cells.loc[0, "negative_share"] == 0.5
    assert wide(cells, "items").loc["a", "x"] == 30


def _monthly(now_a: int, before_a: int) -> pd.DataFrame:
    rows = [("a", "2026-02", before_a), ("b", "2026-02", 500), ("a", "2026-03", now_a)]
    rows.append(("b", "2026-03", 500))
    frame = pd.DataFrame(rows, columns=["category", "month", "items"])
    return frame.assign(month_total=frame.groupby("month")["items"].transform("sum"))


def test_a_large_rise_is_significant_and_listed():
    changes = period_change(_monthly(now_a=120, before_a=40))
    row = changes.set_index("category").loc["a"]
    assert row["p_value"] < 0.001 and row["ratio"] > 2
    assert rising(changes)["category"].tolist() == ["a"]


def test_noise_is_not_called_a_rise():
    changes = period_change(_monthly(now_a=42, before_a=40))
    assert rising(changes).empty


def test_one_month_gives_no_change():
    assert period_change(_monthly(1, 1).query("month == '2026-03'")).empty
