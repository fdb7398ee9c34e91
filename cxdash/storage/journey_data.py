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

LABELLED = f"""labelled AS (
    SELECT f.id, f.received_at, f.customer_id, f.text,
        coalesce(il.touchpoint, {_TOUCHPOINT}) AS touchpoint,
        coalesce(il.category, f.category) AS category, ({_RATING}) AS rating,
        coalesce(il.sentiment, {_STAND_IN_SENTIMENT}) AS sentiment,
        coalesce(il.sentiment_score,
                 CASE WHEN f.rating IS NULL THEN NULL ELSE (({_RATING}) - 3) / 2 END)
            AS sentiment_score
    FROM feedback f LEFT JOIN import_batches b ON b.id = f.batch_id
    LEFT JOIN item_labels il ON il.feedback_id = f.id
    WHERE b.undone_at IS NULL AND (b.cycle_id IS NULL OR b.cycle_id <= $cycle)
)"""


ROW_DIMENSIONS = {
    "touchpoint": "l.touchpoint",
    "stage": "coalesce(tp.stage, 'other')",
}


def _q(sql: str) -> str:
    return f"WITH {LABELLED} {sql}"


def touchpoint_summary(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return per touchpoint: volume, negatives, negative share and mean sentiment score."""
    return store.df(
        _q(
            "SELECT touchpoint, count(*) AS volume,"
            " count(*) FILTER (sentiment = 'negative') AS negative,"
            " count(*) FILTER (sentiment = 'negative') / nullif(count(sentiment), 0)"
            " AS negative_share,"
            " avg(sentiment_score) AS sentiment_mean, count(sentiment_score) AS rated"
            " FROM labelled GROUP BY touchpoint ORDER BY volume DESC"
        ),
        {"cycle": cycle_id},
    )


def touchpoint_categories(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return per touchpoint and category: volume and negatives (categorised items only)."""
    return store.df(
        _q(
            "SELECT touchpoint, category, count(*) AS volume,"
            " count(*) FILTER (sentiment = 'negative') AS negative, count(sentiment) AS judged"
            " FROM labelled WHERE category IS NOT NULL GROUP BY ALL"
            " ORDER BY touchpoint, volume DESC, category"
        ),
        {"cycle": cycle_id},
    )


def monthly_volume(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return items per touchpoint and calendar month."""
    return store.df(
        _q(
            "SELECT touchpoint, date_trunc('month', received_at) AS month, count(*) AS volume"
            " FROM labelled WHERE received_at IS NOT NULL GROUP BY ALL ORDER BY month"
        ),
        {"cycle": cycle_id},
    )


def quotes(
    store: Store,
    cycle_id: int,
    *,
    touchpoint: str | None = None,
    category: str | None = None,
    limit: int = 3,
) -> pd.DataFrame:
    """Return the most recent negative-first quotes of a touchpoint and/or category."""
    return store.df(
        _q(
            "SELECT id, received_at, touchpoint, category, sentiment, rating, text FROM labelled"
            " WHERE ($tp IS NULL OR touchpoint = $tp) AND ($cat IS NULL OR category = $cat)"
            " ORDER BY coalesce(sentiment = 'negative', false) DESC, received_at DESC, id"
            " LIMIT $lim"
        ),
        {"cycle": cycle_id, "tp": touchpoint, "cat": category, "lim": int(limit)},
    )


def heatmap_cells(store: Store, cycle_id: int, by: str = "touchpoint") -> pd.DataFrame:
    """Return rows (touchpoint or stage) x category cells with volume and negatives."""
    row = ROW_DIMENSIONS[by]
    return store.df(
        _q(
            f"SELECT {row} AS row, l.category, count(*) AS volume,"
            " count(*) FILTER (l.sentiment = 'negative') AS negative,"
            " count(l.sentiment) AS judged"
            " FROM labelled l LEFT JOIN touchpoints tp ON tp.key = l.touchpoint"
            " WHERE l.category IS NOT NULL GROUP BY ALL ORDER BY row, l.category"
        ),
        {"cycle": cycle_id},
    )


def cell_items(
    store: Store, cycle_id: int, by: str, row: str, category: str, limit: int = 200
) -> pd.DataFrame:
    """Return the items of one heatmap cell, negatives and newest first."""
    dim = ROW_DIMENSIONS[by]
    return store.df(
        _q(
            "SELECT l.id, l.received_at, l.touchpoint, l.category, l.sentiment, l.rating, l.text"
            " FROM labelled l LEFT JOIN touchpoints tp ON tp.key = l.touchpoint"
            f" WHERE {dim} = $row AND l.category = $cat"
            " ORDER BY coalesce(l.sentiment = 'negative', false) DESC, l.received_at DESC, l.id"
            " LIMIT $lim"
        ),
        {"cycle": cycle_id, "row": row, "cat": category, "lim": int(limit)},
    )


def key_point_cells(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return touchpoint x category cells with the ingredients of the key-point ranking.

    recent/earlier split the cell's items at the midpoint of the data's time span; rated,
    rating_sum and top2 feed the impact on the satisfaction score.
    """
    return store.df(
        _q(
            ", span AS (SELECT min(received_at) + (max(received_at) - min(received_at)) / 2"
            " AS mid FROM labelled)"
            " SELECT touchpoint, category, count(*) AS volume,"
            " count(*) FILTER (sentiment = 'negative') AS negative, count(sentiment) AS judged,"
            " count(*) FILTER (received_at >= (SELECT mid FROM span)) AS recent,"
            " count(*) FILTER (received_at < (SELECT mid FROM span)) AS earlier,"
            " count(rating) AS rated, coalesce(sum(rating), 0) AS rating_sum,"
            " count(*) FILTER (rating >= 4) AS top2"
            " FROM labelled WHERE category IS NOT NULL GROUP BY ALL ORDER BY volume DESC"
        ),
        {"cycle": cycle_id},
    )


def score_totals(store: Store, cycle_id: int) -> dict[str, float]:
    """Return the workspace totals behind the satisfaction score: items, rated, sum, top-2."""
    row = store.rows(
        _q(
            "SELECT count(*), count(rating), coalesce(sum(rating), 0),"
            " count(*) FILTER (rating >= 4) FROM labelled"
        ),
        {"cycle": cycle_id},
    )[0]
    return {"items": row[0], "rated": row[1], "rating_sum": row[2], "top2": row[3]}


def touchpoint_texts(
    store: Store, cycle_id: int, touchpoint: str, limit: int = 3000
) -> pd.DataFrame:
    """Return a deterministic sample of one touchpoint's negative and neutral texts."""
    return store.df(
        _q(
            "SELECT id, text, category, sentiment FROM labelled"
            " WHERE touchpoint = $tp AND coalesce(sentiment, '') <> 'positive'"
            " ORDER BY hash(id) LIMIT $lim"
        ),
        {"cycle": cycle_id, "tp": touchpoint, "lim": int(limit)},
    )


def event_paths(store: Store, cycle_id: int, category: str) -> pd.DataFrame:
    """Return, per touchpoint, how many reporters of a category used it and its mean step rank.

    Follows each customer who reported the category through their items in time order; a
    touchpoint's rank is the order of its first appearance in that customer's path.
    """
    return store.df(
        _q(
            ", reporters AS (SELECT DISTINCT customer_id FROM labelled"
            " WHERE category = $cat AND customer_id IS NOT NULL),"
            " firsts AS (SELECT l.customer_id, l.touchpoint, min(l.received_at) AS first_at,"
            " bool_or(coalesce(l.category = $cat, false)) AS raised"
            " FROM labelled l JOIN reporters r USING (customer_id) GROUP BY ALL),"
            " ranked AS (SELECT *, row_number() OVER (PARTITION BY customer_id"
            " ORDER BY first_at, touchpoint) AS step FROM firsts)"
            " SELECT touchpoint, count(*) AS customers, avg(step) AS mean_step,"
            " count(*) FILTER (raised) AS complained FROM ranked"
            " GROUP BY touchpoint ORDER BY mean_step"
        ),
        {"cycle": cycle_id, "cat": category},
    )


def category_volumes(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the categories by volume, with the customers who reported each."""
    return store.df(
        _q(
            "SELECT category, count(*) AS volume, count(DISTINCT customer_id) AS customers"
            " FROM labelled WHERE category IS NOT NULL GROUP BY category"
            " ORDER BY volume DESC, category"
        ),
        {"cycle": cycle_id},
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
