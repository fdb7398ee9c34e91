"""Optimistic concurrency for editable records: a save must name the version it started from."""

from __future__ import annotations

import re
from typing import Any

import duckdb

from cxdash.errors import NotFound, StaleEdit

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


def update_versioned(
    tx: duckdb.DuckDBPyConnection,
    table: str,
    key_column: str,
    key: Any,
    expected_version: int,
    changes: dict[str, Any],
) -> int:
    """Apply changes when the record is still at expected_version; return the new version.

    A stale save raises StaleEdit carrying the record's current values, so the page can show
    them; nothing is overwritten silently.
    """
    sets = ", ".join(f"{_ident(col)} = ?" for col in changes)
    sets = f"{sets}, version = version + 1" if sets else "version = version + 1"
    sql = (
        f"UPDATE {_ident(table)} SET {sets} WHERE {_ident(key_column)} = ? AND version = ?"
        " RETURNING version"
    )
    updated = tx.execute(sql, [*changes.values(), key, expected_version]).fetchone()
    if updated is not None:
        return int(updated[0])
    current = tx.execute(
        f"SELECT * FROM {_ident(table)} WHERE {_ident(key_column)} = ?", [key]
    ).df()
    if current.empty:
        raise NotFound("record.gone", record=str(key))
    values = current.iloc[0].to_dict()
    raise StaleEdit("record.stale", version=int(values.get("version", 0)), current=values)
