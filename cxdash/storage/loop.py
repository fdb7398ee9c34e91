"""The loop's bookkeeping: step status and sign-off, artefacts, carry-overs, closing a cycle."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from cxdash.access import current_actor
from cxdash.cycles import STEPS, check_closable, check_status, step_table
from cxdash.errors import InvalidInput, NotFound
from cxdash.storage import audit, journey_rollup
from cxdash.storage.db import Store


def cycle_row(store: Store, cycle_id: int) -> dict[str, Any]:
    """Return one cycle as a dict."""
    found = store.df("SELECT * FROM cycles WHERE id = ?", [cycle_id])
    if found.empty:
        raise NotFound("record.gone", record=str(cycle_id))
    return found.iloc[0].to_dict()


def cycle_steps(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the eight steps of a cycle with status, sign-off and note."""
    return step_table(store.df("SELECT * FROM cycle_steps WHERE cycle_id = ?", [cycle_id]))


def all_cycle_steps(store: Store) -> pd.DataFrame:
    """Return every recorded step status of every cycle (cycle_id, step, status)."""
    return store.df("SELECT cycle_id, step, status FROM cycle_steps")


def _upsert_step(tx: duckdb.DuckDBPyConnection, cycle_id: int, step: int, status: str,
                 note: str) -> None:  # fmt: skip
    signer = current_actor().name if status == "done" else None
    tx.execute(
        "INSERT INTO cycle_steps (cycle_id, step, status, signed_off_by, signed_off_at, note)"
        " VALUES (?, ?, ?, ?, CASE WHEN ? IS NULL THEN NULL ELSE current_timestamp END, ?)"
        " ON CONFLICT (cycle_id, step) DO UPDATE SET status = excluded.status,"
        " signed_off_by = excluded.signed_off_by, signed_off_at = excluded.signed_off_at,"
        " note = excluded.note",
        [cycle_id, step, status, signer, signer, note],
    )


def set_step(store: Store, cycle_id: int, step: int, status: str, note: str = "") -> None:
    """Record a step's status; marking it done signs it off in the current user's name."""
    if not 1 <= step <= len(STEPS):
        raise InvalidInput("cycles.error.step", step=step)
    check_status(status)
    with store.transaction() as tx:
        _upsert_step(tx, cycle_id, step, status, note.strip())
        audit.record(tx, "cycle.step", "cycle", cycle_id, step=step, status=status)


def register_artefact(
    store: Store, cycle_id: int, step: int, kind: str, ref_id: str, label: str = ""
) -> None:
    """Register an artefact (any part of the loop's record) under a cycle's step, once."""
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO cycle_artefacts (cycle_id, step, kind, ref_id, label)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [cycle_id, step, kind, str(ref_id), label],
        )


def list_artefacts(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the artefacts registered under a cycle, by step."""
    return store.df(
        "SELECT step, kind, ref_id, label, created_at FROM cycle_artefacts WHERE cycle_id = ?"
        " ORDER BY step, id",
        [cycle_id],
    )


def carry_overs(store: Store, to_cycle_id: int) -> pd.DataFrame:
    """Return the problems carried into a cycle, with where they came from."""
    return store.df(
        "SELECT k.id, k.origin, k.title, k.status, c.number AS from_cycle"
        " FROM carry_over_items k JOIN cycles c ON c.id = k.from_cycle_id"
        " WHERE k.to_cycle_id = ? ORDER BY k.id",
        [to_cycle_id],
    )


def _snapshot(tx: duckdb.DuckDBPyConnection, cycle_id: int, metrics: list[dict[str, Any]]) -> None:
    for m in metrics:
        tx.execute(
            "INSERT OR REPLACE INTO cycle_metrics (cycle_id, metric, value, low, high, n,"
            " period_start, period_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [cycle_id, m["metric"], m["value"], m["low"], m["high"], m["n"], m.get("start"),
             m.get("end")],
        )  # fmt: skip


def close_cycle(
    store: Store, cycle_id: int, items: list[tuple[str, str]], metrics: list[dict[str, Any]]
) -> int:
    """Close a verified cycle, snapshot its metrics, open the next seeded with items; return id."""
    row = cycle_row(store, cycle_id)
    check_closable(cycle_steps(store, cycle_id), str(row["status"]))
    with store.transaction() as tx:
        tx.execute(
            "UPDATE cycles SET status = 'closed', closed_at = current_timestamp WHERE id = ?",
            [cycle_id],
        )
        _snapshot(tx, cycle_id, metrics)
        numbers = tx.execute("SELECT max(number) + 1, nextval('seq_cycle') FROM cycles").fetchone()
        number, new_id = (int(numbers[0]), int(numbers[1])) if numbers else (0, 0)
        tx.execute(
            "INSERT INTO cycles (id, number, name) VALUES (?, ?, ?)",
            [new_id, number, f"Cycle {number}"],
        )
        for origin, title in items:
            tx.execute(
                "INSERT INTO carry_over_items (from_cycle_id, to_cycle_id, origin, title)"
                " VALUES (?, ?, ?, ?)",
                [cycle_id, new_id, origin, title],
            )
        _upsert_step(tx, new_id, 1, "doing", "")
        journey_rollup.refresh(tx)
        audit.record(tx, "cycle.close", "cycle", cycle_id, next_cycle=new_id, carried=len(items))
    return new_id


def metric_history(store: Store) -> pd.DataFrame:
    """Return the key-metric snapshots of closed cycles, by cycle number."""
    return store.df(
        "SELECT c.number AS cycle_number, m.metric, m.value, m.low, m.high, m.n,"
        " m.period_start, m.period_end FROM cycle_metrics m JOIN cycles c ON c.id = m.cycle_id"
        " ORDER BY c.number, m.metric"
    )
