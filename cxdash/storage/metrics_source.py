"""Metric observations from feedback: the one place that knows which columns a metric reads.

Columns read: `feedback.received_at` (ts), `segment`, `region`, `channel` (units),
`category` (the human label; classifier labels join here once classification lands),
`kind` ('problem' marks a complaint), `rating` / `rating_max` (rescaled to 1–5).
Undone import batches are left out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cxdash.errors import InvalidInput
from cxdash.storage.db import Store

# source key → (metric kind, SQL value expression, SQL row condition)
SOURCES: dict[str, tuple[str, str, str]] = {
    "feedback.category_share": (
        "share",
        "CAST(f.category = ? AS INTEGER)",
        "f.category IS NOT NULL",
    ),
    "feedback.complaints": ("rate", "1", "f.kind = 'problem'"),
    "feedback.rating_mean": (
        "mean",
        "f.rating * 5.0 / coalesce(f.rating_max, 5.0)",
        "f.rating IS NOT NULL",
    ),
    "feedback.csat_top2": (
        "share",
        "CAST(f.rating * 5.0 / coalesce(f.rating_max, 5.0) >= 4 AS INTEGER)",
        "f.rating IS NOT NULL",
    ),
}
FILTER_COLUMNS = {"segment": "f.segment", "region": "f.region", "channel": "f.channel",
                  "product": "f.product"}  # fmt: skip
DIMENSIONS = ("segment", "region", "channel")
LIVE = "f.received_at IS NOT NULL AND (f.batch_id IS NULL OR f.batch_id NOT IN" \
    " (SELECT id FROM import_batches WHERE undone_at IS NOT NULL))"  # fmt: skip


def source_kind(source: str) -> str:
    """Return the metric kind (share/mean/rate) a feedback source produces."""
    if source not in SOURCES:
        raise InvalidInput("verify.error.source", source=source)
    return SOURCES[source][0]


def _where(source: str, filters: dict[str, str]) -> tuple[str, list[Any]]:
    """Return the WHERE clause and its parameters for a source and its filters (whitelisted)."""
    _, _, condition = SOURCES[source]
    clauses, params = [LIVE, condition], []
    for name, value in filters.items():
        if name in FILTER_COLUMNS and value:
            clauses.append(f"{FILTER_COLUMNS[name]} = ?")
            params.append(value)
    return " AND ".join(clauses), params


def observations(store: Store, source: str, filters: dict[str, str]) -> pd.DataFrame:
    """Return one row per item: ts, value, segment, region, channel."""
    source_kind(source)
    _, value, _ = SOURCES[source]
    where, params = _where(source, filters)
    head = [filters.get("category", "")] if "?" in value else []
    if head and not head[0]:
        raise InvalidInput("verify.error.category_needed")
    return store.df(
        f"SELECT f.received_at AS ts, {value} AS value, f.segment, f.region, f.channel"
        f" FROM feedback f WHERE {where} ORDER BY f.received_at",
        head + params,
    )


def weekly_totals(store: Store, source: str, filters: dict[str, str]) -> pd.DataFrame:
    """Return per week the sum of values, of squared values and the count (period, k, k2, n)."""
    source_kind(source)
    _, value, _ = SOURCES[source]
    where, params = _where(source, filters)
    head = [filters.get("category", "")] * 3 if "?" in value else []
    return store.df(
        f"SELECT date_trunc('week', f.received_at) AS period, sum({value}) AS k,"
        f" sum(({value}) * ({value})) AS k2, count(*) AS n"
        f" FROM feedback f WHERE {where} GROUP BY 1 ORDER BY 1",
        head + params,
    )


def population_mix(store: Store, dimension: str, start: Any, end: Any) -> pd.Series:
    """Return the count of all feedback items per value of a dimension within [start, end)."""
    if dimension not in DIMENSIONS:
        raise InvalidInput("verify.error.dimension", dimension=dimension)
    found = store.df(
        f"SELECT coalesce({FILTER_COLUMNS[dimension]}, '') AS stratum, count(*) AS n"
        f" FROM feedback f WHERE {LIVE} AND f.received_at >= ? AND f.received_at < ? GROUP BY 1",
        [start, end],
    )
    return found.set_index("stratum")["n"].astype(float)


def unit_values(store: Store, dimension: str) -> list[str]:
    """Return the distinct values of a unit dimension in the feedback, sorted."""
    if dimension not in DIMENSIONS:
        raise InvalidInput("verify.error.dimension", dimension=dimension)
    col = FILTER_COLUMNS[dimension]
    rows = store.rows(f"SELECT DISTINCT {col} FROM feedback f WHERE {col} IS NOT NULL ORDER BY 1")
    return [r[0] for r in rows]


def categories(store: Store) -> list[str]:
    """Return the categories present in the feedback, most frequent first."""
    rows = store.rows(
        "SELECT category FROM feedback WHERE category IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC"
    )
    return [r[0] for r in rows]


def top_pain_points(store: Store, limit: int = 5) -> pd.DataFrame:
    """Return the top problem categories: volume, share of labelled items and negative share."""
    return store.df(
        "SELECT f.category, count(*) AS volume,"
        " count(*) / sum(count(*)) OVER () AS share,"
        " avg(CASE WHEN f.rating IS NULL THEN NULL"
        "     WHEN f.rating * 5.0 / coalesce(f.rating_max, 5.0) <= 2 THEN 1.0 ELSE 0.0 END)"
        "   AS negative_share,"
        " count(f.rating) AS rated"
        f" FROM feedback f WHERE {LIVE} AND f.category IS NOT NULL AND f.kind = 'problem'"
        " GROUP BY 1 ORDER BY volume DESC LIMIT ?",
        [int(limit)],
    )


def data_span(store: Store) -> tuple[Any, Any]:
    """Return the first and last feedback timestamps (None, None when empty)."""
    row = store.rows("SELECT min(received_at), max(received_at) FROM feedback")[0]
    return row[0], row[1]


SNAPSHOT_METRICS = (
    ("complaints_per_day", "feedback.complaints"),
    ("csat_top2", "feedback.csat_top2"),
    ("rating_mean", "feedback.rating_mean"),
)


def snapshot_metrics(store: Store, start: Any, end: Any) -> list[dict[str, Any]]:
    """Return the key metrics over [start, end) with their 95% CIs, ready to store per cycle."""
    from cxdash.headline import window_estimate

    out = []
    days = max((pd.Timestamp(end) - pd.Timestamp(start)).days, 1)
    for name, source in SNAPSHOT_METRICS:
        kind, value, _ = SOURCES[source]
        where, params = _where(source, {})
        k, k2, n = store.rows(
            f"SELECT coalesce(sum({value}), 0), coalesce(sum(({value}) * ({value})), 0), count(*)"
            f" FROM feedback f WHERE {where} AND f.received_at >= ? AND f.received_at < ?",
            [*params, start, end],
        )[0]
        est = window_estimate(float(k), float(k2), float(n), kind, days)
        out.append({"metric": name, "value": est.value, "low": est.low, "high": est.high,
                    "n": est.n, "start": f"{pd.Timestamp(start):%Y-%m-%d}",
                    "end": f"{pd.Timestamp(end):%Y-%m-%d}"})  # fmt: skip
    return out
