"""The pain-point heatmap: stage or touchpoint x problem category, by volume or negative share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from cxdash.errors import InvalidInput

METRICS = ("volume", "negative_share")


@dataclass(frozen=True)
class Heatmap:
    """A heatmap grid: row keys, column keys, the values and the item counts behind them."""

    rows: list[str]
    columns: list[str]
    values: pd.DataFrame
    volumes: pd.DataFrame


def build_heatmap(
    cells: pd.DataFrame, metric: str = "volume", row_order: Sequence[str] = ()
) -> Heatmap:
    """Return the grid of cells (row, category, volume, negative, judged) coloured by metric.

    negative_share = negative items / items with a sentiment; empty cells stay NaN. Rows keep
    row_order where given (journey order), columns go by total volume.
    """
    if metric not in METRICS:
        raise InvalidInput("heatmap.bad_metric", metric=metric)
    frame = cells.assign(
        negative_share=cells["negative"] / cells["judged"].where(cells["judged"] > 0)
    )
    volumes = frame.pivot_table(index="row", columns="category", values="volume", aggfunc="sum")
    columns = list(volumes.sum().sort_values(ascending=False).index)
    present = list(volumes.index)
    rows = [r for r in row_order if r in present] + sorted(r for r in present if r not in row_order)
    values = frame.pivot_table(index="row", columns="category", values=metric, aggfunc="sum")
    return Heatmap(
        rows,
        columns,
        values.reindex(index=rows, columns=columns),
        volumes.reindex(index=rows, columns=columns),
    )


def worst_cell(heatmap: Heatmap) -> tuple[str, str] | None:
    """Return the (row, category) with the highest value, or None for an empty grid."""
    stacked = heatmap.values.stack().dropna()
    if stacked.empty:
        return None
    row, col = stacked.idxmax()
    return str(row), str(col)


def selected_cell(points: list[dict[str, object]]) -> tuple[str, str] | None:
    """Return the (row, category) of the first clicked overlay marker, or None."""
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and len(data) >= 2:
            return str(data[0]), str(data[1])
    return None
