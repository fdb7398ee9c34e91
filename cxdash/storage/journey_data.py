"""Every query of the journey and key-point pages: measures over the rollup, and item lists.

The aggregates are computed from the cycle's rollup (``journey_rollup.rollup``: a few hundred
rows, stored and kept fresh at write time); the item lists (quotes, a heatmap cell's items,
texts, event paths) read the labelled items (``journey_labels.LABELLED``) with a limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from cxdash.storage.db import Store
from cxdash.storage.journey_labels import LABELLED
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


def _rows(store: Store, sql: str, params: dict[str, Any]) -> pd.DataFrame:
    """Return the rows of a per-item query over the labelled items (values bound)."""
    return store.df(f"WITH {LABELLED} {sql}", params)


_ITEM_ROWS = (
    "SELECT l.id, l.received_at, l.touchpoint, l.category, l.sentiment, l.rating, l.text"
    " FROM labelled l LEFT JOIN touchpoints tp ON tp.key = l.touchpoint WHERE {where}"
    " ORDER BY coalesce(l.sentiment = 'negative', false) DESC, l.received_at DESC, l.id"
    " LIMIT $lim"
)
_ITEM_DIMENSIONS = {"touchpoint": "l.touchpoint", "stage": "coalesce(tp.stage, 'other')"}


def quotes(
    store: Store,
    cycle_id: int,
    *,
    touchpoint: str | None = None,
    category: str | None = None,
    limit: int = 3,
) -> pd.DataFrame:
    """Return the most recent negative-first quotes of a touchpoint and/or category."""
    where = "($tp IS NULL OR l.touchpoint = $tp) AND ($cat IS NULL OR l.category = $cat)"
    params = {"cycle": cycle_id, "tp": touchpoint, "cat": category, "lim": int(limit)}
    return _rows(store, _ITEM_ROWS.format(where=where), params)


def cell_items(
    store: Store, cycle_id: int, by: str, row: str, category: str, limit: int = 200
) -> pd.DataFrame:
    """Return the items of one heatmap cell, negatives and newest first."""
    where = f"{_ITEM_DIMENSIONS[by]} = $row AND l.category = $cat"
    params = {"cycle": cycle_id, "row": row, "cat": category, "lim": int(limit)}
    return _rows(store, _ITEM_ROWS.format(where=where), params)


def touchpoint_texts(
    store: Store, cycle_id: int, touchpoint: str, limit: int = 3000
) -> pd.DataFrame:
    """Return a deterministic sample of one touchpoint's negative and neutral texts."""
    return _rows(
        store,
        "SELECT id, text, category, sentiment FROM labelled"
        " WHERE touchpoint = $tp AND coalesce(sentiment, '') <> 'positive'"
        " ORDER BY hash(id) LIMIT $lim",
        {"cycle": cycle_id, "tp": touchpoint, "lim": int(limit)},
    )


def event_paths(store: Store, cycle_id: int, category: str) -> pd.DataFrame:
    """Return, per touchpoint, how many reporters of a category used it and its mean step rank.

    Follows each customer who reported the category through their items in time order; a
    touchpoint's rank is the order of its first appearance in that customer's path.
    """
    return _rows(
        store,
        ", reporters AS (SELECT DISTINCT customer_id FROM labelled"
        " WHERE category = $cat AND customer_id IS NOT NULL),"
        " firsts AS (SELECT l.customer_id, l.touchpoint, min(l.received_at) AS first_at,"
        " bool_or(coalesce(l.category = $cat, false)) AS raised"
        " FROM labelled l JOIN reporters r USING (customer_id) GROUP BY ALL),"
        " ranked AS (SELECT *, row_number() OVER (PARTITION BY customer_id"
        " ORDER BY first_at, touchpoint) AS step FROM firsts)"
        " SELECT touchpoint, count(*) AS customers, avg(step) AS mean_step,"
        " count(*) FILTER (raised) AS complained FROM ranked"
        " GROUP BY touchpoint ORDER BY mean_step",
        {"cycle": cycle_id, "cat": category},
    )
