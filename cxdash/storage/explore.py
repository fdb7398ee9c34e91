"""Queries of the feedback explorer: filtered counts, pages, aggregates and chunked export."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any

import duckdb
import pandas as pd

from cxdash.explore import (
    DIMENSIONS,
    LABEL_COLUMNS,
    PERIODS,
    SORT_COLUMNS,
    TABLE_COLUMNS,
    FeedbackFilter,
    check_choice,
    search_condition,
)
from cxdash.storage.db import Store, storage_error

EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "received_at",
    "channel",
    "customer_id",
    "segment",
    "tenure",
    "product",
    "region",
    "rating",
    "rating_max",
    "subject",
    "text",
    *LABEL_COLUMNS,
    "lang",
    "source_id",
    "batch_id",
)


# The label columns read from item_labels; a category or kind mapped at import and not yet
# classified shows with origin "import".
_LABELLED = (
    "coalesce(l.category, f.category) AS category,"
    " CASE WHEN l.category IS NOT NULL THEN l.category_origin"
    " WHEN f.category IS NOT NULL THEN 'import' END AS category_origin,"
    " l.category_conf, coalesce(l.kind, f.kind) AS kind,"
    " CASE WHEN l.kind IS NOT NULL THEN l.kind_origin"
    " WHEN f.kind IS NOT NULL THEN 'import' END AS kind_origin,"
    " l.kind_conf, l.sentiment, l.sentiment_origin, l.sentiment_score,"
    " l.touchpoint, l.touchpoint_origin, l.touchpoint_conf"
)
_LABEL_COLUMNS = frozenset(
    f"{facet}{part}"
    for facet in ("category", "kind", "sentiment", "touchpoint")
    for part in ("", "_origin", "_conf", "_score")
)


def _select_list(columns: Sequence[str]) -> str:
    """Return the SELECT list of columns over feedback f joined to item_labels l."""
    plain = [f"f.{c}" for c in columns if c not in _LABEL_COLUMNS]
    return ", ".join([*plain, _LABELLED])


def undone_batches(store: Store) -> tuple[int, ...]:
    """Return the ids of undone import batches, whose items never show."""
    return tuple(
        int(r[0])
        for r in store.rows("SELECT id FROM import_batches WHERE undone_at IS NOT NULL ORDER BY id")
    )


def where_clause(flt: FeedbackFilter, undone: Sequence[int] = ()) -> tuple[str, list[Any]]:
    """Return the WHERE clause of a filter and its bound parameters (values never inlined)."""
    parts: list[str] = ["TRUE"]
    params: list[Any] = []
    if undone:
        parts.append(f"coalesce(batch_id NOT IN ({', '.join('?' for _ in undone)}), TRUE)")
        params.extend(undone)
    if flt.start:
        parts.append("received_at >= ?")
        params.append(flt.start)
    if flt.end:
        parts.append("received_at < ?")
        params.append(flt.end + timedelta(days=1))
    for dim, values in flt.chosen().items():
        # dim comes from the DIMENSIONS whitelist; the values are bound.
        parts.append(f"{dim} IN ({', '.join('?' for _ in values)})")
        params.extend(values)
    if flt.text.strip():
        how, needle = search_condition(flt.text)
        # The search reads the subject line too (NULL where an item has none).
        test = "regexp_matches" if how == "regex" else "contains"
        parts.append(f"({test}(text, ?) OR {test}(subject, ?))")
        params.extend([needle, needle])
    return "WHERE " + " AND ".join(parts), params


def _where(store: Store, flt: FeedbackFilter) -> tuple[str, list[Any]]:
    """Return the WHERE clause and parameters of a filter over the workspace's live items."""
    return where_clause(flt, undone_batches(store))


def count_items(store: Store, flt: FeedbackFilter) -> int:
    """Return how many items match the filter."""
    where, params = _where(store, flt)
    return int(store.scalar(f"SELECT count(*) FROM feedback {where}", params))


def fetch_page(
    store: Store, flt: FeedbackFilter, *, offset: int, limit: int, sort: str, descending: bool
) -> pd.DataFrame:
    """Return one page of matching items in the table's columns, sorted on a whitelisted column."""
    check_choice(sort, SORT_COLUMNS, "sort")
    where, params = _where(store, flt)
    order = "DESC" if descending else "ASC"
    ordering = f"ORDER BY {sort} {order} NULLS LAST, id {order}"
    # Sort and cut on narrow columns first, then read the wide ones for the page's rows only.
    sql = (
        f"SELECT {', '.join(TABLE_COLUMNS)} FROM (SELECT {_select_list(TABLE_COLUMNS)}"
        " FROM feedback f LEFT JOIN item_labels l ON l.feedback_id = f.id WHERE f.id IN"
        f" (SELECT id FROM feedback {where} {ordering} LIMIT ? OFFSET ?)) {ordering}"
    )
    return store.df(sql, [*params, int(limit), int(offset)])


def volume_by_period(store: Store, flt: FeedbackFilter, period: str, by: str) -> pd.DataFrame:
    """Return item counts per period start (date_trunc) and value of one dimension."""
    check_choice(period, PERIODS, "period")
    check_choice(by, DIMENSIONS, "dimension")
    where, params = _where(store, flt)
    sql = (
        f"SELECT date_trunc('{period}', received_at) AS period, coalesce({by}, '') AS key,"
        f" count(*) AS items FROM feedback {where} AND received_at IS NOT NULL"
        " GROUP BY ALL ORDER BY period, key"
    )
    return store.df(sql, params)


def top_values(store: Store, flt: FeedbackFilter, by: str, limit: int = 12) -> pd.DataFrame:
    """Return the most frequent values of one dimension among matching items, with counts."""
    check_choice(by, DIMENSIONS, "dimension")
    where, params = _where(store, flt)
    sql = (
        f"SELECT coalesce({by}, '') AS key, count(*) AS items FROM feedback {where}"
        " GROUP BY ALL ORDER BY items DESC, key LIMIT ?"
    )
    return store.df(sql, [*params, int(limit)])


def rating_counts(store: Store, flt: FeedbackFilter) -> pd.DataFrame:
    """Return how many matching items carry each (rounded) rating."""
    where, params = _where(store, flt)
    sql = (
        "SELECT round(rating)::INTEGER AS rating, count(*) AS items FROM feedback"
        f" {where} AND rating IS NOT NULL GROUP BY ALL ORDER BY rating"
    )
    return store.df(sql, params)


def distinct_values(store: Store) -> dict[str, list[str]]:
    """Return the stored values of every filter dimension, most frequent first."""
    sql = " UNION ALL ".join(
        f"SELECT '{d}' AS dim, {d} AS value, count(*) AS n FROM feedback"
        f" WHERE {d} IS NOT NULL GROUP BY ALL"
        for d in DIMENSIONS
    )
    found = store.rows(f"SELECT dim, value FROM ({sql}) ORDER BY dim, n DESC, value")
    out: dict[str, list[str]] = {d: [] for d in DIMENSIONS}
    for dim, value in found:
        out[dim].append(str(value))
    return out


def date_bounds(store: Store) -> tuple[Any, Any]:
    """Return the first and last received_at dates in the workspace (None when empty)."""
    row = store.rows("SELECT min(received_at)::DATE, max(received_at)::DATE FROM feedback")[0]
    return row[0], row[1]


def data_version(store: Store) -> str:
    """Return a token that changes whenever items are imported, removed or batches undone."""
    row = store.rows(
        "SELECT count(*), max(id), (SELECT count(*) FROM import_batches),"
        " (SELECT count(undone_at) FROM import_batches) FROM feedback"
    )[0]
    return ":".join(str(v) for v in row)


def recent_batches(store: Store, limit: int = 5) -> pd.DataFrame:
    """Return the latest import batches: id, file, source, rows, when, and whether undone."""
    return store.df(
        "SELECT id, file_name, source, rows_imported, rows_skipped, created_at,"
        " undone_at IS NOT NULL AS undone FROM import_batches ORDER BY created_at DESC, id DESC"
        " LIMIT ?",
        [int(limit)],
    )


def iter_export(
    store: Store, flt: FeedbackFilter, chunk_rows: int = 50_000
) -> Iterator[pd.DataFrame]:
    """Yield the matching items in export columns, oldest first, as DataFrames of chunk_rows."""
    where, params = _where(store, flt)
    sql = (
        f"SELECT {', '.join(EXPORT_COLUMNS)} FROM (SELECT {_select_list(EXPORT_COLUMNS)}"
        f" FROM (SELECT * FROM feedback {where}) f LEFT JOIN item_labels l"
        " ON l.feedback_id = f.id) ORDER BY received_at, id"
    )
    cur = store.cursor()
    try:
        reader = cur.sql(sql, params=params).to_arrow_reader(chunk_rows)
        empty = True
        for batch in reader:
            empty = False
            yield batch.to_pandas()
        if empty:
            yield pd.DataFrame(columns=list(EXPORT_COLUMNS))
    except duckdb.Error as exc:
        raise storage_error(exc, store.path) from exc
    finally:
        cur.close()
