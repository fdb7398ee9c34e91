"""Every query of the journey and key-point pages that reads per-item labels.

The labels come from the classifier's ``item_labels`` (touchpoint, category, sentiment and its
score); where an item has none yet, ``LABELLED`` falls back to stand-ins derived from the
``feedback`` table alone:

- ``touchpoint``: from ``feedback.category`` (a category's home touchpoint), else
  ``feedback.product``, else ``feedback.channel`` (see ``_TOUCHPOINT``);
- ``category``: ``feedback.category`` (the human label; NULL items are left out of cells);
- ``sentiment``: from ``feedback.rating`` on a 1-5 scale (1-2 negative, 3 neutral, 4-5
  positive, unrated items NULL); ``sentiment_score`` = (rating - 3) / 2 in [-1, 1];
- ``rating``: ``feedback.rating`` rescaled to 1-5 when ``rating_max`` differs.

Columns read from ``feedback``: id, batch_id, received_at, customer_id, text, rating,
rating_max, category, product, channel. A cycle sees the items imported in it or in an
earlier cycle; items of undone import batches are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from cxdash.storage.db import Store

_TOUCHPOINT = """CASE
    WHEN f.category IN ('billing_error', 'price_complaint', 'refund_delay') THEN 'billing'
    WHEN f.category IN ('broadband_install_delay', 'sim_activation') THEN 'installation'
    WHEN f.category IN ('broadband_outage', 'broadband_speed', 'wifi_coverage',
                        'mobile_signal', 'praise_speed') THEN 'network'
    WHEN f.category = 'hotline_wait' THEN 'hotline'
    WHEN f.category = 'repair_response' THEN 'repair'
    WHEN f.category = 'tv_channels' THEN 'tv_service'
    WHEN f.category IN ('contract_cancel', 'number_porting') THEN 'cancellation'
    WHEN f.category IN ('app_login', 'app_usability') THEN 'app'
    WHEN f.category IN ('store_service', 'need_store_hours') THEN 'store'
    WHEN f.category = 'mobile_data_plan' THEN 'shopping'
    WHEN f.product = 'billing' THEN 'billing'
    WHEN f.product = 'installation_repair' THEN 'repair'
    WHEN f.product = 'tv' THEN 'tv_service'
    WHEN f.product = 'app' THEN 'app'
    WHEN f.product = 'stores' THEN 'store'
    WHEN f.product IN ('broadband', 'mobile') THEN 'network'
    WHEN f.channel IN ('hotline', 'online_chat', 'store') THEN f.channel
    WHEN f.channel = 'app_feedback' THEN 'app'
    ELSE 'hotline' END"""

_RATING = "CASE WHEN f.rating_max IS NULL OR f.rating_max = 5 THEN f.rating"
_RATING += " ELSE 1 + 4 * (f.rating - 1) / nullif(f.rating_max - 1, 0) END"

_STAND_IN_SENTIMENT = f"""CASE WHEN f.rating IS NULL THEN NULL
    WHEN ({_RATING}) < 2.5 THEN 'negative' WHEN ({_RATING}) >= 3.5 THEN 'positive'
    ELSE 'neutral' END"""

_KEPT = """FROM feedback f LEFT JOIN import_batches b ON b.id = f.batch_id
    LEFT JOIN item_labels il ON il.feedback_id = f.id
    WHERE b.undone_at IS NULL AND (b.cycle_id IS NULL OR b.cycle_id <= $cycle)"""

LABELLED = f"""labelled AS (
    SELECT f.id, f.received_at, f.customer_id, f.text,
        coalesce(il.touchpoint, {_TOUCHPOINT}) AS touchpoint,
        coalesce(il.category, f.category) AS category, ({_RATING}) AS rating,
        coalesce(il.sentiment, {_STAND_IN_SENTIMENT}) AS sentiment,
        coalesce(il.sentiment_score,
                 CASE WHEN f.rating IS NULL THEN NULL ELSE (({_RATING}) - 3) / 2 END)
            AS sentiment_score
    {_KEPT}
)"""

# The rollup first groups the kept items by the raw columns their labels derive from (a few
# hundred groups however many items there are), then derives the labels once per group, so
# the label expressions never run per item. n is a group's item count; period says which half
# of the data's time span the items fall in (split at the midpoint of the first and last date).
_SPAN = "SELECT min(f.received_at) + (max(f.received_at) - min(f.received_at)) / 2"
_SPAN += f" {_KEPT}"
_ROLLUP = f"""WITH grouped AS (
    SELECT f.category, f.product, f.channel, f.rating, f.rating_max,
        il.touchpoint AS il_touchpoint, il.category AS il_category, il.sentiment AS il_sentiment,
        date_trunc('month', f.received_at) AS month,
        CASE WHEN f.received_at >= $mid THEN 'recent'
            WHEN f.received_at < $mid THEN 'earlier' END AS period,
        count(*) AS n, coalesce(sum(il.sentiment_score), 0) AS il_score_sum,
        count(il.sentiment_score) AS il_scored
    {_KEPT} GROUP BY ALL
), labelled_groups AS (
    SELECT f.month, f.period, coalesce(il_touchpoint, {_TOUCHPOINT}) AS touchpoint,
        coalesce(il_category, f.category) AS category, ({_RATING}) AS rating,
        coalesce(il_sentiment, {_STAND_IN_SENTIMENT}) AS sentiment, n,
        il_score_sum + CASE WHEN f.rating IS NULL THEN 0
            ELSE (n - il_scored) * (({_RATING}) - 3) / 2 END AS score_sum,
        il_scored + CASE WHEN f.rating IS NULL THEN 0 ELSE n - il_scored END AS scored
    FROM grouped f
)
SELECT g.touchpoint, coalesce(tp.stage, 'other') AS stage, g.category, g.month, g.period,
    sum(n)::BIGINT AS volume,
    coalesce(sum(n) FILTER (sentiment = 'negative'), 0)::BIGINT AS negative,
    coalesce(sum(n) FILTER (sentiment IS NOT NULL), 0)::BIGINT AS judged,
    sum(scored)::BIGINT AS scored, sum(score_sum)::DOUBLE AS score_sum,
    coalesce(sum(n) FILTER (rating IS NOT NULL), 0)::BIGINT AS rated,
    coalesce(sum(n * rating), 0)::DOUBLE AS rating_sum,
    coalesce(sum(n) FILTER (rating >= 4), 0)::BIGINT AS top2
FROM labelled_groups g LEFT JOIN touchpoints tp ON tp.key = g.touchpoint
GROUP BY ALL ORDER BY ALL"""

# An in-memory engine for the measures over a rollup frame; every call uses its own cursor.
_LOCAL = duckdb.connect()
ROLLUP_DIMENSIONS = ("touchpoint", "stage", "category", "month", "period")
_SUMMED = ("volume", "negative", "judged", "scored", "score_sum", "rated", "rating_sum", "top2")


def rollup(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the cycle's kept items counted per touchpoint, stage, category, month and period.

    One scan of the feedback; every aggregate below is computed from this small frame, and
    pages cache it until the items or their labels change (see fingerprint).
    """
    mid = store.scalar(_SPAN, {"cycle": cycle_id})
    return store.df(_ROLLUP, {"cycle": cycle_id, "mid": mid})


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


def fingerprint(store: Store) -> tuple[object, ...]:
    """Return a cheap fingerprint that changes whenever the items or their labels change.

    Pages cache the aggregates above under it. Reads feedback (count, max id and created_at)
    import_batches (undone count) and item_labels (count and latest labelled_at).
    """
    found = store.rows(
        "SELECT count(*), max(id), max(created_at),"
        " (SELECT count(*) FROM import_batches WHERE undone_at IS NOT NULL),"
        " (SELECT count(*) FROM item_labels), (SELECT max(labelled_at) FROM item_labels)"
        " FROM feedback"
    )
    return tuple(found[0])
