"""Taxonomy versions: every change saves the whole tree as a new version."""

from __future__ import annotations

import pandas as pd

from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.db import Store

_COLUMNS = "key, parent, name_zh, name_en, keywords, pattern, touchpoint, sort_order"


def save_taxonomy(
    store: Store, tax: pd.DataFrame, change: str, detail: str = "", by: str | None = None
) -> int:
    """Write the taxonomy as a new version in one transaction; return the version id."""
    frame = tax.reindex(columns=_COLUMNS.split(", ")).copy()
    frame["touchpoint"] = frame["touchpoint"].astype(object).where(frame["touchpoint"].notna())
    cycle = current_cycle_id(store)
    with store.transaction() as tx:
        row = tx.execute(
            "INSERT INTO taxonomy_versions (cycle_id, change, detail, created_by)"
            " VALUES (?, ?, ?, ?) RETURNING id",
            [cycle, change, detail, by],
        ).fetchone()
        version = int(row[0]) if row else 0
        tx.register("incoming_taxonomy", frame)
        tx.execute(
            f"INSERT INTO taxonomy_categories (version_id, {_COLUMNS})"
            f" SELECT ?, {_COLUMNS} FROM incoming_taxonomy",
            [version],
        )
        tx.unregister("incoming_taxonomy")
    return version


def current_version(store: Store) -> int | None:
    """Return the id of the newest taxonomy version, or None before the first one."""
    found = store.scalar("SELECT max(id) FROM taxonomy_versions")
    return int(found) if found is not None else None


def load_taxonomy(store: Store, version: int | None = None) -> pd.DataFrame:
    """Return the categories of a version (the newest by default), in their order."""
    chosen = version if version is not None else current_version(store)
    return store.df(
        f"SELECT {_COLUMNS} FROM taxonomy_categories WHERE version_id = ? ORDER BY sort_order, key",
        [chosen if chosen is not None else -1],
    )


def list_versions(store: Store) -> pd.DataFrame:
    """Return every taxonomy version with its change and category count, newest first."""
    return store.df(
        "SELECT v.id, v.cycle_id, v.change, v.detail, v.created_at, count(c.key) AS categories"
        " FROM taxonomy_versions v LEFT JOIN taxonomy_categories c ON c.version_id = v.id"
        " GROUP BY ALL ORDER BY v.id DESC"
    )


def save_touchpoints(store: Store, touchpoints: pd.DataFrame) -> int:
    """Replace the touchpoint list with the edited one in one transaction; return its size."""
    frame = touchpoints.reindex(
        columns=["key", "name_zh", "name_en", "stage", "sort_order", "active"]
    ).copy()
    frame["sort_order"] = frame["sort_order"].fillna(0).astype(int)
    frame["active"] = frame["active"].fillna(True).astype(bool)
    with store.transaction() as tx:
        tx.register("incoming_touchpoints", frame)
        tx.execute("DELETE FROM touchpoints")
        tx.execute(
            "INSERT INTO touchpoints (key, name_zh, name_en, stage, sort_order, active)"
            " SELECT key, name_zh, name_en, stage, sort_order, active FROM incoming_touchpoints"
        )
        tx.unregister("incoming_touchpoints")
    return len(frame)
