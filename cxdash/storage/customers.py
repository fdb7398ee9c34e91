"""Customer-level tables for the at-risk model: one row per customer, a label and raw features."""

from __future__ import annotations

import json

import pandas as pd

from cxdash.errors import InvalidInput, NotFound
from cxdash.storage.db import Store


def save_customer_table(
    store: Store, name: str, frame: pd.DataFrame, id_column: str, label_column: str | None
) -> int:
    """Write one customer table (ids, 1/0 labels, raw cells) atomically; return its id."""
    ids = frame[id_column].astype("string").str.strip()
    if ids.isna().any() or (ids == "").any() or ids.duplicated().any():
        raise InvalidInput("quality.customers_bad_ids", column=id_column)
    features = frame.drop(columns=[c for c in (id_column, label_column) if c])
    labels = frame[label_column] if label_column else pd.Series(pd.NA, index=frame.index)
    rows = pd.DataFrame(
        {
            "customer_id": ids.astype(str),
            "row_no": range(len(frame)),
            "label": labels.astype("Int64"),
            "features": [json.dumps(r, ensure_ascii=False) for r in features.to_dict("records")],
        }
    )
    mapping = {"id": id_column, "label": label_column, "features": list(features.columns)}
    with store.transaction() as tx:
        created = tx.execute(
            "INSERT INTO customer_tables (name, mapping, rows) VALUES (?, ?, ?) RETURNING id",
            [name, json.dumps(mapping, ensure_ascii=False), len(rows)],
        ).fetchone()
        table_id = int(created[0]) if created else 0
        rows.insert(0, "table_id", table_id)
        tx.register("incoming_customers", rows)
        tx.execute(
            "INSERT INTO customer_rows (table_id, customer_id, row_no, label, features)"
            " SELECT table_id, customer_id, row_no, label, features FROM incoming_customers"
        )
        tx.unregister("incoming_customers")
    return table_id


def list_customer_tables(store: Store) -> pd.DataFrame:
    """Return the imported customer tables, newest first."""
    return store.df("SELECT id, name, rows, created_at FROM customer_tables ORDER BY id DESC")


def load_customer_table(store: Store, table_id: int) -> pd.DataFrame:
    """Return one customer table in file order: customer_id, label (1/0/NA), raw features."""
    meta = store.rows("SELECT mapping FROM customer_tables WHERE id = ?", [table_id])
    if not meta:
        raise NotFound("quality.customers_not_found", table=table_id)
    columns = json.loads(meta[0][0])["features"]
    rows = store.rows(
        "SELECT customer_id, label, features::VARCHAR FROM customer_rows"
        " WHERE table_id = ? ORDER BY row_no",
        [table_id],
    )
    features = pd.DataFrame([json.loads(r[2]) for r in rows], columns=columns)
    features.insert(0, "label", pd.array([r[1] for r in rows], dtype="Int64"))
    features.insert(0, "customer_id", [r[0] for r in rows])
    return features


def delete_customer_table(store: Store, table_id: int) -> None:
    """Delete a customer table with its rows."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM customer_rows WHERE table_id = ?", [table_id])
        tx.execute("DELETE FROM customer_tables WHERE id = ?", [table_id])
