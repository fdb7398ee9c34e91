"""Discovery runs: clusters, their members, and the names and categories people give them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.db import Store

FILTERS = {"channel": "f.channel", "product": "f.product", "region": "f.region"}


def items_to_cluster(store: Store, filters: dict[str, str], limit: int = 50_000) -> pd.DataFrame:
    """Return id, subject and text of the items matching the filters (whitelisted), oldest first."""
    clauses = [f"{FILTERS[k]} = ?" for k in filters if k in FILTERS]
    params: list[Any] = [v for k, v in filters.items() if k in FILTERS]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return store.df(
        f"SELECT f.id AS feedback_id, f.subject, f.text FROM feedback f {where}"
        " ORDER BY f.id LIMIT ?",
        [*params, int(limit)],
    )


def save_run(
    store: Store,
    settings: dict[str, Any],
    feedback_ids: Sequence[int],
    result: Any,
) -> int:
    """Write one discovery run (clusters, members, k curve) in one transaction; return its id."""
    members = pd.DataFrame(
        {
            "feedback_id": list(feedback_ids),
            "cluster_no": result.labels.astype(int),
            "centrality": result.centrality.astype(float),
        }
    )
    sizes = members.groupby("cluster_no").size()
    clusters = pd.DataFrame(
        {
            "cluster_no": sizes.index.astype(int),
            "size": sizes.to_numpy().astype(int),
            "keywords": [" ".join(result.keywords[c]) for c in sizes.index],
        }
    )
    curve = json.dumps([list(p) for p in result.k_curve])
    with store.transaction() as tx:
        row = tx.execute(
            "INSERT INTO cluster_runs (cycle_id, settings, k, n_items, k_curve)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            [current_cycle_id(store), json.dumps(settings), result.k, len(members), curve],
        ).fetchone()
        run_id = int(row[0]) if row else 0
        for name, frame, cols in (
            ("cluster_members", members, "feedback_id, cluster_no, centrality"),
            ("clusters", clusters, "cluster_no, size, keywords"),
        ):
            tx.register("incoming_rows", frame)
            tx.execute(
                f"INSERT INTO {name} (run_id, {cols}) SELECT ?, {cols} FROM incoming_rows", [run_id]
            )
            tx.unregister("incoming_rows")
    return run_id


def latest_run(store: Store) -> dict[str, Any] | None:
    """Return the newest discovery run (id, settings, k, n_items, k_curve), or None."""
    found = store.df("SELECT * FROM cluster_runs ORDER BY id DESC LIMIT 1")
    if found.empty:
        return None
    run = found.iloc[0].to_dict()
    run["k_curve"] = json.loads(run["k_curve"] or "[]")
    run["settings"] = json.loads(run["settings"] or "{}")
    return run


def list_clusters(store: Store, run_id: int) -> pd.DataFrame:
    """Return the clusters of a run, largest first."""
    return store.df(
        "SELECT * FROM clusters WHERE run_id = ? ORDER BY size DESC, cluster_no", [run_id]
    )


def cluster_members(store: Store, run_id: int) -> pd.DataFrame:
    """Return every member of a run with its cluster, date and sentiment (for the profiles)."""
    return store.df(
        "SELECT m.feedback_id, m.cluster_no, f.received_at, l.sentiment FROM cluster_members m"
        " JOIN feedback f ON f.id = m.feedback_id"
        " LEFT JOIN item_labels l ON l.feedback_id = m.feedback_id WHERE m.run_id = ?",
        [run_id],
    )


def examples(store: Store, run_id: int, cluster_no: int, limit: int = 5) -> pd.DataFrame:
    """Return a cluster's most representative items (closest to its centre)."""
    return store.df(
        "SELECT m.feedback_id, f.subject, f.text FROM cluster_members m"
        " JOIN feedback f ON f.id = m.feedback_id WHERE m.run_id = ? AND m.cluster_no = ?"
        " ORDER BY m.centrality DESC, m.feedback_id LIMIT ?",
        [run_id, cluster_no, int(limit)],
    )


def member_ids(store: Store, run_id: int, cluster_no: int) -> list[int]:
    """Return the ids of a cluster's members."""
    rows = store.rows(
        "SELECT feedback_id FROM cluster_members WHERE run_id = ? AND cluster_no = ? ORDER BY 1",
        [run_id, cluster_no],
    )
    return [int(r[0]) for r in rows]


def name_cluster(
    store: Store, run_id: int, cluster_no: int, name: str, category: str | None
) -> None:
    """Record the name a person gave a cluster and the category it maps to."""
    with store.transaction() as tx:
        tx.execute(
            "UPDATE clusters SET name = ?, category = ? WHERE run_id = ? AND cluster_no = ?",
            [name or None, category, run_id, cluster_no],
        )


def merge_clusters(store: Store, run_id: int, keep: int, absorbed: int) -> None:
    """Fold one cluster of a run into another: members move, sizes add up."""
    with store.transaction() as tx:
        tx.execute(
            "UPDATE cluster_members SET cluster_no = ? WHERE run_id = ? AND cluster_no = ?",
            [keep, run_id, absorbed],
        )
        tx.execute(
            "UPDATE clusters SET size = (SELECT count(*) FROM cluster_members"
            " WHERE run_id = ? AND cluster_no = ?) WHERE run_id = ? AND cluster_no = ?",
            [run_id, keep, run_id, keep],
        )
        tx.execute("DELETE FROM clusters WHERE run_id = ? AND cluster_no = ?", [run_id, absorbed])


def replace_cluster(
    store: Store, run_id: int, cluster_no: int, parts: pd.DataFrame, keywords: Sequence[str]
) -> None:
    """Replace a cluster by sub-clusters (feedback_id, part, centrality) numbered after the last."""
    first = int(store.scalar("SELECT max(cluster_no) FROM clusters WHERE run_id = ?", [run_id])) + 1
    frame = parts.assign(cluster_no=parts["part"].astype(int) + first)
    sizes = frame.groupby("cluster_no").size()
    with store.transaction() as tx:
        tx.register("split_rows", frame)
        tx.execute(
            "UPDATE cluster_members m SET cluster_no = s.cluster_no, centrality = s.centrality"
            " FROM split_rows s WHERE m.run_id = ? AND m.feedback_id = s.feedback_id",
            [run_id],
        )
        tx.unregister("split_rows")
        tx.execute("DELETE FROM clusters WHERE run_id = ? AND cluster_no = ?", [run_id, cluster_no])
        for no, size in sizes.items():
            tx.execute(
                "INSERT INTO clusters (run_id, cluster_no, size, keywords) VALUES (?, ?, ?, ?)",
                [run_id, int(no), int(size), keywords[int(no) - first]],
            )


def distinct_values(store: Store, column: str) -> list[str]:
    """Return the distinct values of a whitelisted feedback column, sorted."""
    if column not in FILTERS:
        return []
    rows = store.rows(f"SELECT DISTINCT {FILTERS[column]} FROM feedback f WHERE 1 = 1 ORDER BY 1")
    return [str(r[0]) for r in rows if r[0] is not None]


def items_by_id(store: Store, feedback_ids: Sequence[int]) -> pd.DataFrame:
    """Return id, subject and text of the given items, in id order."""
    frame = pd.DataFrame({"feedback_id": list(feedback_ids)})
    cur = store.cursor()
    try:
        cur.register("wanted_items", frame)
        return cur.execute(
            "SELECT f.id AS feedback_id, f.subject, f.text FROM feedback f"
            " JOIN wanted_items w ON w.feedback_id = f.id ORDER BY f.id"
        ).df()
    finally:
        cur.close()
