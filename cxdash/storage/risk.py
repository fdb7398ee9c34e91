"""Veto rules and at-risk model runs with their scored customers (the proactive-repair list)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from cxdash.rules import parse_rule
from cxdash.storage.db import Store


def add_veto_rule(store: Store, rule: str, note: str = "") -> int:
    """Save a veto rule after checking that it parses; return its id."""
    parsed = parse_rule(rule)
    with store.transaction() as tx:
        created = tx.execute(
            "INSERT INTO veto_rules (rule, note) VALUES (?, ?) RETURNING id", [parsed.text, note]
        ).fetchone()
    return int(created[0]) if created else 0


def set_veto_rule_active(store: Store, rule_id: int, active: bool) -> None:
    """Switch a veto rule on or off."""
    with store.transaction() as tx:
        tx.execute("UPDATE veto_rules SET active = ? WHERE id = ?", [active, rule_id])


def delete_veto_rule(store: Store, rule_id: int) -> None:
    """Delete a veto rule."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM veto_rules WHERE id = ?", [rule_id])


def list_veto_rules(store: Store, active_only: bool = False) -> pd.DataFrame:
    """Return the veto rules (id, rule, note, active), oldest first."""
    where = "WHERE active" if active_only else ""
    return store.df(f"SELECT id, rule, note, active FROM veto_rules {where} ORDER BY id")


def save_run(
    store: Store,
    table_id: int,
    model: str,
    metrics: dict[str, Any],
    scores: pd.DataFrame,
    cycle_id: int | None = None,
) -> int:
    """Write a model run and its scored customers in one transaction; return the run id."""
    rows = scores.reindex(columns=["customer_id", "score", "vetoed_by", "reasons"]).copy()
    with store.transaction() as tx:
        created = tx.execute(
            "INSERT INTO risk_runs (table_id, model, metrics, cycle_id) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            [table_id, model, json.dumps(metrics, default=float), cycle_id],
        ).fetchone()
        run_id = int(created[0]) if created else 0
        rows.insert(0, "run_id", run_id)
        tx.register("incoming_scores", rows)
        tx.execute("INSERT INTO risk_scores SELECT * FROM incoming_scores")
        tx.unregister("incoming_scores")
    return run_id


def latest_run(store: Store, table_id: int) -> dict[str, Any] | None:
    """Return the newest run on a customer table (id, model, metrics, solution_id) or None."""
    found = store.rows(
        "SELECT id, model, metrics::VARCHAR, solution_id, cycle_id FROM risk_runs"
        " WHERE table_id = ? ORDER BY id DESC LIMIT 1",
        [table_id],
    )
    if not found:
        return None
    run_id, model, metrics, solution_id, cycle_id = found[0]
    return {
        "id": run_id,
        "model": model,
        "metrics": json.loads(metrics),
        "solution_id": solution_id,
        "cycle_id": cycle_id,
    }


def load_scores(store: Store, run_id: int) -> pd.DataFrame:
    """Return a run's scored customers, vetoed first, then by score."""
    return store.df(
        "SELECT customer_id, score, vetoed_by, reasons FROM risk_scores WHERE run_id = ?"
        " ORDER BY vetoed_by IS NULL, score DESC",
        [run_id],
    )


def link_run_to_solution(store: Store, run_id: int, solution_id: str) -> None:
    """Link a run's repair list to a solution of the current cycle (by solution id)."""
    with store.transaction() as tx:
        tx.execute(
            "UPDATE risk_runs SET solution_id = ? WHERE id = ?", [solution_id or None, run_id]
        )
