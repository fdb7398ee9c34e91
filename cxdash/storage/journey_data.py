"""Every query of the journey and key-point pages: measures over the rollup, and item lists.

The aggregates are computed from the cycle's rollup (``journey_rollup.rollup``: a few hundred
rows, stored and kept fresh at write time); the item lists (quotes, a heatmap cell's items,
texts, event paths) live in ``journey_items`` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from cxdash.storage.journey_items import cell_items as cell_items
from cxdash.storage.journey_items import event_paths as event_paths
from cxdash.storage.journey_items import quotes as quotes
from cxdash.storage.journey_items import touchpoint_texts as touchpoint_texts
from cxdash.storage.journey_labels import LABELLED as LABELLED
from cxdash.storage.journey_rollup import SUMMED as _SUMMED
from cxdash.storage.journey_rollup import fingerprint as fingerprint
from cxdash.storage.journey_rollup import rollup as rollup

# An in-memory engine for the measures over a rollup frame; every call uses its own cursor.
_LOCAL = duckdb.connect()
ROLLUP_DIMENSIONS = ("touchpoint", "stage", "category", "month", "period")


def _sum(column: str, condition: str | None = None) -> str:
    where = f" FILTER ({condition})" if condition else ""
    return f"coalesce(sum({column}){where}, 0)"


# Measures over the rollup: sums of its counts, and the shares and means they make.
MEASURES = {
    **{m: _sum(m) + ("::DOUBLE" if m.endswith("_sum") else "::BIGINT") for m in _SUMMED},
    "negative_share": f"{_sum('negative')} / nullif({_sum('judged')}, 0)",
    "sentiment_mean": f"{_sum('score_sum')} / nullif({_sum('scored')}, 0)",
    "recent": _sum("volume", "period = 'recent'") + "::BIGINT",
    "earlier": _sum("volume", "period = 'earlier'") + "::BIGINT",
}


def _aggregate(
    rolled: pd.DataFrame,
    dims: Sequence[str],
    measures: Sequence[str],
    *,
    where: str = "category IS NOT NULL",
    order: str = "",
) -> pd.DataFrame:
    """Return the measures of the rollup grouped by some of its dimensions.

    Every aggregate of this module is one call of this builder. where (by default: items with
    a category) and order are fixed SQL of the callers, never user text.
    """
    select = [
        *(d for d in dims if d in ROLLUP_DIMENSIONS),
        *(f"{MEASURES[m]} AS {m}" for m in measures),
    ]
    sql = f"SELECT {', '.join(select)} FROM rolled"
    sql += f" WHERE {where}"
    sql += f" GROUP BY ALL {('ORDER BY ' + order) if order else ''}"
    cur = _LOCAL.cursor()
    try:
        cur.register("rolled", rolled[[*ROLLUP_DIMENSIONS, *_SUMMED]])
        return cur.execute(sql).df()
    finally:
        cur.close()


def touchpoint_summary(rolled: pd.DataFrame) -> pd.DataFrame:
    """Return per touchpoint: volume, negatives, negative share and mean sentiment score."""
    found = _aggregate(
        rolled,
        ["touchpoint"],
        ("volume", "negative", "negative_share", "sentiment_mean", "scored"),
        where="TRUE",
        order="volume DESC, touchpoint",
    )
    return found.rename(columns={"scored": "rated"})


def touchpoint_categories(rolled: pd.DataFrame) -> pd.DataFrame:
    """Return per touchpoint and category: volume and negatives (categorised items only)."""
    return _aggregate(
        rolled,
        ["touchpoint", "category"],
        ("volume", "negative", "judged"),
        order="touchpoint, volume DESC, category",
    )


def monthly_volume(rolled: pd.DataFrame) -> pd.DataFrame:
    """Return items per touchpoint and calendar month (dated items only)."""
    return _aggregate(
        rolled,
        ["touchpoint", "month"],
        ("volume",),
        where="month IS NOT NULL",
        order="month, touchpoint",
    )


def heatmap_cells(rolled: pd.DataFrame, by: str = "touchpoint") -> pd.DataFrame:
    """Return rows (touchpoint or stage) x category cells with volume and negatives."""
    if by not in ("touchpoint", "stage"):
        raise KeyError(by)
    found = _aggregate(
        rolled, [by, "category"], ("volume", "negative", "judged"), order=f"{by}, category"
    )
    return found.rename(columns={by: "row"})


def key_point_cells(rolled: pd.DataFrame) -> pd.DataFrame:
    """Return touchpoint x category cells with the ingredients of the key-point ranking.

    recent/earlier split the cell's items at the midpoint of the data's time span; rated,
    rating_sum and top2 feed the impact on the satisfaction score.
    """
    measures = ("volume", "negative", "judged", "recent", "earlier", "rated", "rating_sum", "top2")
    return _aggregate(
        rolled,
        ["touchpoint", "category"],
        measures,
        order="volume DESC, touchpoint, category",
    )


def score_totals(rolled: pd.DataFrame) -> dict[str, float]:
    """Return the workspace totals behind the satisfaction score: items, rated, sum, top-2."""
    found = _aggregate(rolled, [], ("volume", "rated", "rating_sum", "top2"), where="TRUE").iloc[0]
    return {
        "items": int(found["volume"]),
        "rated": int(found["rated"]),
        "rating_sum": float(found["rating_sum"]),
        "top2": int(found["top2"]),
    }


def category_volumes(rolled: pd.DataFrame) -> pd.DataFrame:
    """Return the categories by volume."""
    return _aggregate(rolled, ["category"], ("volume",), order="volume DESC, category")
