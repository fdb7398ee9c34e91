"""Solutions with their evidence and actions: saved whole, in one transaction, version-checked."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from cxdash.errors import NotFound, StaleEdit
from cxdash.storage.audit import record as audit
from cxdash.storage.db import Store

JSON_FIELDS = ("problems", "root_cause", "monitoring", "verification")
PLAIN_FIELDS = ("title", "risks", "contingency", "support", "impact", "effort", "status", "owner")
ACTION_FIELDS = ("step", "department", "owner", "due_date", "status")


def _row_values(record: dict[str, Any]) -> list[Any]:
    plain = [record[f] for f in PLAIN_FIELDS]
    return plain + [json.dumps(record[f], ensure_ascii=False, default=str) for f in JSON_FIELDS]


def _write_children(tx: Any, solution_id: int, cycle_id: int, record: dict[str, Any]) -> None:
    tx.execute("DELETE FROM solution_actions WHERE solution_id = ?", [solution_id])
    for pos, action in enumerate(record["actions"]):
        tx.execute(
            "INSERT INTO solution_actions (solution_id, cycle_id, position, step, department,"
            " owner, due_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [solution_id, cycle_id, pos, *(action[f] for f in ACTION_FIELDS)],
        )
    for item in record["evidence"]:
        if item.get("id") is None:
            tx.execute(
                "INSERT INTO solution_evidence (solution_id, cycle_id, kind, label, numbers,"
                " reference, quotes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [solution_id, cycle_id, item["kind"], item["label"]]
                + [json.dumps(item[k], ensure_ascii=False) for k in ("numbers", "reference")]
                + [json.dumps(list(item["quotes"]), ensure_ascii=False)],
            )


def _insert(tx: Any, record: dict[str, Any]) -> int:
    cols = ", ".join(("cycle_id", *PLAIN_FIELDS, *JSON_FIELDS))
    marks = ", ".join("?" for _ in range(1 + len(PLAIN_FIELDS) + len(JSON_FIELDS)))
    found = tx.execute(
        f"INSERT INTO solutions ({cols}) VALUES ({marks}) RETURNING id",
        [record["cycle_id"], *_row_values(record)],
    ).fetchone()
    return int(found[0])


def _update(tx: Any, record: dict[str, Any]) -> None:
    sets = ", ".join(f"{f} = ?" for f in (*PLAIN_FIELDS, *JSON_FIELDS))
    done = tx.execute(
        f"UPDATE solutions SET {sets}, version = version + 1, updated_at = current_timestamp"
        " WHERE id = ? AND version = ? RETURNING id",
        [*_row_values(record), record["id"], record["version"]],
    ).fetchall()
    if not done:
        _refuse_stale(tx, int(record["id"]))


def _refuse_stale(tx: Any, solution_id: int) -> None:
    """Raise StaleEdit with the stored solution's current values (NotFound when it is gone)."""
    found = tx.execute("SELECT * FROM solutions WHERE id = ?", [solution_id]).df()
    if found.empty:
        raise NotFound("solutions.error.not_found", id=solution_id)
    current = found.iloc[0].to_dict()
    for name in JSON_FIELDS:
        current[name] = json.loads(current[name])
    raise StaleEdit(
        "solutions.error.stale",
        id=solution_id,
        version=int(current["version"]),
        title=str(current["title"]),
        current=current,
    )


def save_solution(store: Store, record: dict[str, Any]) -> int:
    """Insert or update a solution with its actions and new evidence; return its id."""
    with store.transaction() as tx:
        if record.get("id") is None:
            solution_id = _insert(tx, record)
        else:
            solution_id = int(record["id"])
            _update(tx, record)
        audit(tx, "solution.save", "solution", solution_id, from_version=record.get("version"))
        kept = [e["id"] for e in record["evidence"] if e.get("id") is not None]
        tx.execute(
            "DELETE FROM solution_evidence WHERE solution_id = ? AND NOT list_contains(?, id)",
            [solution_id, kept],
        )
        _write_children(tx, solution_id, int(record["cycle_id"]), record)
    return solution_id


def load_solution(store: Store, solution_id: int) -> dict[str, Any]:
    """Return a stored solution as a record with its evidence and actions; NotFound if absent."""
    found = store.df("SELECT * FROM solutions WHERE id = ?", [solution_id])
    if found.empty:
        raise NotFound("solutions.error.not_found", id=solution_id)
    record: dict[str, Any] = found.iloc[0].to_dict()
    for name in JSON_FIELDS:
        record[name] = json.loads(record[name])
    evidence = store.df(
        "SELECT id, kind, label, numbers, reference, quotes FROM solution_evidence"
        " WHERE solution_id = ? ORDER BY id",
        [solution_id],
    ).to_dict("records")
    for item in evidence:
        for name in ("numbers", "reference", "quotes"):
            item[name] = json.loads(item[name])
    record["evidence"] = evidence
    record["actions"] = store.df(
        "SELECT step, department, owner, due_date, status FROM solution_actions"
        " WHERE solution_id = ? ORDER BY position",
        [solution_id],
    ).to_dict("records")
    return record


def list_solutions(store: Store, cycle_id: int | None = None) -> pd.DataFrame:
    """Return the solutions (of one cycle, or all) with evidence and action counts, newest first."""
    return store.df(
        "SELECT s.id, s.cycle_id, s.title, s.status, s.impact, s.effort, s.owner, s.updated_at,"
        " (SELECT c.number FROM cycles c WHERE c.id = s.cycle_id) AS cycle_number,"
        " (SELECT count(*) FROM solution_evidence e WHERE e.solution_id = s.id) AS evidence,"
        " (SELECT count(*) FROM solution_actions a WHERE a.solution_id = s.id) AS actions"
        " FROM solutions s WHERE ? IS NULL OR s.cycle_id = ? ORDER BY s.id DESC",
        [cycle_id, cycle_id],
    )


def cycle_solution_ids(store: Store, cycle_id: int) -> list[int]:
    """Return the ids of a cycle's solutions that are not dropped, oldest first."""
    rows = store.rows(
        "SELECT id FROM solutions WHERE cycle_id = ? AND status <> 'dropped' ORDER BY id",
        [cycle_id],
    )
    return [int(r[0]) for r in rows]


def cycle_name(store: Store, cycle_id: int) -> str:
    """Return the name of a cycle (its id as text when it has none)."""
    found = store.scalar("SELECT name FROM cycles WHERE id = ?", [cycle_id])
    return str(found) if found else str(cycle_id)
