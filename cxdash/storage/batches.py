"""Import batches: history, undo, duplicate-file and duplicate-row look-ups, mapping templates."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from cxdash.errors import NotFound
from cxdash.storage import journey_rollup
from cxdash.storage.db import Store

HISTORY_COLUMNS = (
    "id, file_name, source, file_format, encoding, rows_in_file, rows_imported, rows_skipped,"
    " created_at, created_by, undone_at, undone_by, sha256"
)


def find_imported_file(store: Store, sha256: str) -> dict[str, Any] | None:
    """Return the live batch that already imported a file with this SHA-256, if any."""
    found = store.rows(
        "SELECT id, file_name, created_at FROM import_batches"
        " WHERE sha256 = ? AND undone_at IS NULL ORDER BY id LIMIT 1",
        [sha256],
    )
    if not found:
        return None
    batch_id, name, when = found[0]
    return {"batch": int(batch_id), "name": name, "when": f"{when:%Y-%m-%d %H:%M}"}


def known_row_hashes(store: Store, hashes: pd.Series) -> set[str]:
    """Return those of the given row hashes that the workspace already holds."""
    if hashes.empty or not store.scalar("SELECT count(*) FROM feedback LIMIT 1"):
        return set()
    probe = pa.table({"row_hash": pa.array(hashes.drop_duplicates(), type=pa.string())})
    cur = store.cursor()
    try:
        cur.register("probe_hashes", probe)
        found = cur.execute(
            "SELECT DISTINCT f.row_hash FROM feedback f JOIN probe_hashes p USING (row_hash)"
        ).fetchall()
        cur.unregister("probe_hashes")
    finally:
        cur.close()
    return {row[0] for row in found}


def list_batches(store: Store, limit: int = 200) -> pd.DataFrame:
    """Return the import history, newest first, with undone batches marked."""
    return store.df(
        f"SELECT {HISTORY_COLUMNS} FROM import_batches ORDER BY id DESC LIMIT ?", [limit]
    )


def undo_batch(store: Store, batch_id: int, by: str | None = None) -> int:
    """Delete a batch's items and mark it undone, in one transaction; return the items removed.

    The items are deleted rather than hidden so that no query anywhere has to remember to
    filter them out; the batch row stays as the record of what was imported and undone.
    """
    with store.transaction() as tx:
        live = tx.execute(
            "SELECT count(*) FROM import_batches WHERE id = ? AND undone_at IS NULL", [batch_id]
        ).fetchone()
        if not live or not live[0]:
            raise NotFound("import.batch_not_found", batch=batch_id)
        counted = tx.execute("SELECT count(*) FROM feedback WHERE batch_id = ?", [batch_id])
        removed = int((counted.fetchone() or [0])[0])
        tx.execute("DELETE FROM feedback WHERE batch_id = ?", [batch_id])
        tx.execute(
            "UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?",
            [datetime.now(), by, batch_id],
        )
        journey_rollup.refresh(tx)
    return removed


def save_template(store: Store, name: str, mapping: dict[str, Any], by: str | None = None) -> None:
    """Save (or replace) the mapping template of a source under its name."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM mapping_templates WHERE name = ?", [name])
        tx.execute(
            "INSERT INTO mapping_templates (name, mapping, created_by) VALUES (?, ?, ?)",
            [name, json.dumps(mapping, ensure_ascii=False), by],
        )


def list_templates(store: Store) -> dict[str, dict[str, Any]]:
    """Return every saved mapping template by name."""
    rows = store.rows("SELECT name, mapping FROM mapping_templates ORDER BY name")
    return {name: json.loads(mapping) for name, mapping in rows}


def delete_template(store: Store, name: str) -> None:
    """Delete a mapping template."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM mapping_templates WHERE name = ?", [name])


def raw_read_csv(store: Store, csv_path: Path | str, table: str = "raw_csv") -> int:
    """Return the rows DuckDB's own read_csv loads from a file into a new table (a baseline)."""
    with store.transaction() as tx:
        tx.execute(
            f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM read_csv(?)', [str(csv_path)]
        )
        found = tx.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    return int(found[0]) if found else 0


def raw_insert_frame(store: Store, frame: pd.DataFrame, table: str = "raw_frame") -> int:
    """Return the rows written by copying a DataFrame into a new table as it is (a baseline)."""
    with store.transaction() as tx:
        tx.register("raw_frame_in", frame)
        tx.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM raw_frame_in')
        tx.unregister("raw_frame_in")
    return len(frame)
