"""Feedback items: writing a batch, and the headline counts every page starts from."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

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


def insert_batch(store: Store, items: pd.DataFrame, batch: dict[str, Any]) -> int:
    """Write one import batch and its items in a single transaction; return the batch id."""
    frame = items.reindex(columns=list(FEEDBACK_FIELDS))
    unknown = set(batch) - set(BATCH_FIELDS)
    if unknown:
        raise ValueError(f"unknown batch fields: {sorted(unknown)}")
    meta = dict(batch)
    meta["mapping"] = json.dumps(meta.get("mapping") or {}, ensure_ascii=False)
    cols = ", ".join(meta)
    marks = ", ".join("?" for _ in meta)
    with store.transaction() as tx:
        created = tx.execute(
            f"INSERT INTO import_batches ({cols}) VALUES ({marks}) RETURNING id",
            list(meta.values()),
        ).fetchone()
        batch_id = int(created[0]) if created else 0
        frame.insert(0, "batch_id", batch_id)
        tx.register("incoming_items", frame)
        fields = ", ".join(("batch_id", *FEEDBACK_FIELDS))
        tx.execute(f"INSERT INTO feedback ({fields}) SELECT {fields} FROM incoming_items")
        tx.unregister("incoming_items")
    return batch_id


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
