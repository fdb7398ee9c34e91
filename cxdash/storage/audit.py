"""The audit log: every write records who did what to which record, in the same transaction."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pandas as pd

from cxdash.access import current_actor
from cxdash.storage.db import Store, mark_audited

AUDIT_FILTERS = {"actor": "actor", "action": "action", "entity": "entity"}


def record(
    tx: duckdb.DuckDBPyConnection,
    action: str,
    entity: str | None = None,
    entity_id: object = None,
    **detail: Any,
) -> None:
    """Append one audit entry for the current actor inside the caller's transaction."""
    actor = current_actor()
    mark_audited()
    tx.execute(
        "INSERT INTO audit_log (actor, role, action, entity, entity_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            actor.name,
            str(actor.role),
            action,
            entity,
            None if entity_id is None else str(entity_id),
            json.dumps(detail, ensure_ascii=False, default=str),
        ],
    )


def list_audit(store: Store, limit: int = 500, **filters: str) -> pd.DataFrame:
    """Return the newest audit entries, optionally filtered by actor, action or entity."""
    where: list[str] = []
    params: list[object] = []
    for name, value in filters.items():
        if value and name in AUDIT_FILTERS:
            where.append(f"{AUDIT_FILTERS[name]} = ?")
            params.append(value)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    params.append(int(limit))
    return store.df(f"SELECT * FROM audit_log {clause} ORDER BY id DESC LIMIT ?", params)
