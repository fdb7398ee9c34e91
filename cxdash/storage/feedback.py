"""Feedback items: writing a batch, and the headline counts every page starts from."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from cxdash.storage import journey_rollup
from cxdash.storage.db import Store

FEEDBACK_FIELDS = (
    "source_id",
    "received_at",
    "channel",
    "customer_id",
    "segment",
    "tenure",
    "product",
    "region",
    "text",
    "subject",
    "rating",
    "rating_max",
    "category",
    "kind",
    "lang",
    "extra",
    "row_hash",
)

BATCH_FIELDS = (
    "file_name",
    "sha256",
    "source",
    "file_format",
    "encoding",
    "mapping",
    "rows_in_file",
    "rows_imported",
    "rows_skipped",
    "cycle_id",
    "created_by",
)


def _extra_json(extra: pd.DataFrame | None) -> tuple[str, list[str]]:
    """Return the SQL expression building `extra` JSON and its key parameters."""
    if extra is None or extra.empty or not len(extra.columns):
        return "extra", []
    pairs = ", ".join(f"?, x{i}" for i in range(len(extra.columns)))
    return f"json_object({pairs})", [str(c) for c in extra.columns]


def _staged(items: pd.DataFrame, extra: pd.DataFrame | None, batch_id: int) -> pd.DataFrame:
    frame = items.reindex(columns=list(FEEDBACK_FIELDS))
    frame.insert(0, "batch_id", batch_id)
    if extra is not None and len(extra.columns):
        for i, column in enumerate(extra.columns):
            frame[f"x{i}"] = extra[column]
    return frame


def _insert_meta(tx: duckdb.DuckDBPyConnection, batch: dict[str, Any]) -> int:
    unknown = set(batch) - set(BATCH_FIELDS)
    if unknown:
        raise ValueError(f"unknown batch fields: {sorted(unknown)}")
    meta = dict(batch)
    meta["mapping"] = json.dumps(meta.get("mapping") or {}, ensure_ascii=False)
    cols = ", ".join(meta)
    marks = ", ".join("?" for _ in meta)
    created = tx.execute(
        f"INSERT INTO import_batches ({cols}) VALUES ({marks}) RETURNING id", list(meta.values())
    ).fetchone()
    return int(created[0]) if created else 0


def insert_batch(
    store: Store,
    items: pd.DataFrame,
    batch: dict[str, Any],
    extra: pd.DataFrame | None = None,
) -> int:
    """Write one import batch and its items in a single transaction; return the batch id.

    `extra` holds the unmapped source columns of the same rows; they are stored as JSON.
    """
    expression, keys = _extra_json(extra)
    with store.transaction() as tx:
        batch_id = _insert_meta(tx, batch)
        staged = pa.Table.from_pandas(_staged(items, extra, batch_id), preserve_index=False)
        tx.register("incoming_items", staged)
        fields = ", ".join(("batch_id", *FEEDBACK_FIELDS))
        chosen = ", ".join(("batch_id", *FEEDBACK_FIELDS[:-2], expression, "row_hash"))
        tx.execute(f"INSERT INTO feedback ({fields}) SELECT {chosen} FROM incoming_items", keys)
        tx.unregister("incoming_items")
        journey_rollup.refresh(tx)
    return batch_id


def row_hashes(items: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """Return the MD5 hex digest of each row's columns (a row's identity for duplicate checks)."""
    con = duckdb.connect()
    try:
        chosen = items.reindex(columns=list(columns))
        con.register("hashed", pa.Table.from_pandas(chosen, preserve_index=False))
        parts = ", ".join(f"coalesce(CAST(\"{c}\" AS VARCHAR), '')" for c in columns)
        found = con.sql(f"SELECT md5(concat_ws(chr(31), {parts})) FROM hashed").to_arrow_table()
    finally:
        con.close()
    return pd.Series(found.column(0).to_pandas().array, index=items.index)


def count_feedback(store: Store) -> int:
    """Return how many feedback items the workspace holds."""
    return int(store.scalar("SELECT count(*) FROM feedback"))


def headline_counts(store: Store) -> dict[str, Any]:
    """Return the workspace's headline counts: items, channels, customers, batches and date span."""
    row = store.rows(
        "SELECT count(*), count(DISTINCT channel), count(DISTINCT customer_id),"
        " min(received_at), max(received_at),"
        " (SELECT count(*) FROM import_batches WHERE undone_at IS NULL)"
        " FROM feedback"
    )[0]
    keys = ("items", "channels", "customers", "first_at", "last_at", "batches")
    return dict(zip(keys, row, strict=True))
