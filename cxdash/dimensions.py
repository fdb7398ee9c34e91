"""Categories across the method's dimensions, and what is rising against the previous period.

The change of a category between two periods is tested as a ratio of two Poisson rates, the
category's items per labelled item in each period (statsmodels `test_poisson_2indep`, the
Gu, Ng, Tang & Schucany 2008 score test), so a busier month alone does not look like a rise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.rates import test_poisson_2indep

ALPHA = 0.05


def pivot(counts: pd.DataFrame) -> pd.DataFrame:
    """Return category × value cells with items, share of the value's items and negative share."""
    if counts.empty:
        return counts.assign(share=[], negative_share=[])
    totals = counts.groupby("value")["items"].transform("sum")
    out = counts.assign(
        share=counts["items"] / totals,
        negative_share=counts["negative"] / counts["items"].where(counts["items"] > 0),
    )
    return out.reset_index(drop=True)


def wide(cells: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Return one measure of the pivot as a category × value table."""
    if cells.empty:
        return pd.DataFrame()
    return cells.pivot_table(index="category", columns="value", values=measure, fill_value=0)


def period_change(monthly: pd.DataFrame, month: str | None = None) -> pd.DataFrame:
    """Return per category this month's and last month's items, rate ratio and its p-value."""
    months = sorted(monthly["month"].unique())
    if len(months) < 2:
        return pd.DataFrame(columns=["category", "current", "previous", "ratio", "p_value"])
    current = str(month) if month in months else str(months[-1])
    previous = months[months.index(current) - 1]
    table = monthly.pivot_table(index="category", columns="month", values="items", fill_value=0)
    totals = monthly.groupby("month")["month_total"].max()
    rows = [
        _compare(
            str(cat),
            int(table.at[cat, current]),
            int(table.at[cat, previous]),
            totals,
            current,
            previous,
        )
        for cat in table.index
    ]
    return pd.DataFrame(rows).sort_values(["p_value", "category"]).reset_index(drop=True)


def _compare(
    cat: str, now: int, before: int, totals: pd.Series, current: str, previous: str
) -> dict[str, object]:
    exposure_now, exposure_before = float(totals[current]), float(totals[previous])
    result = test_poisson_2indep(now, exposure_now, before, exposure_before, method="score")
    ratio = (now / exposure_now) / (before / exposure_before) if before else np.inf
    return {
        "category": cat,
        "current": now,
        "previous": before,
        "current_share": now / exposure_now,
        "previous_share": before / exposure_before,
        "ratio": ratio,
        "p_value": float(result.pvalue),
        "month": current,
        "previous_month": previous,
    }


def rising(changes: pd.DataFrame, alpha: float = ALPHA) -> pd.DataFrame:
    """Return the categories whose share rose significantly, the largest rise first."""
    if changes.empty:
        return changes
    up = changes[(changes["ratio"] > 1) & (changes["p_value"] < alpha)]
    return up.sort_values(["ratio", "category"], ascending=[False, True]).reset_index(drop=True)
