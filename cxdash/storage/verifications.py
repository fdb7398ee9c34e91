"""Saved verifications: a metric, its inputs and every result number, tied to a cycle."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from cxdash.access import current_actor
from cxdash.errors import InvalidInput, NotFound
from cxdash.storage import audit
from cxdash.storage.db import Store


def save_verification(
    store: Store,
    cycle_id: int,
    title: str,
    metric: dict[str, Any],
    inputs: dict[str, Any],
    result: dict[str, Any],
    solution_id: int | str | None = None,
) -> int:
    """Save one verification with its inputs and results, register it as an artefact; return id.

    solution_id must name a stored solution (its id, or the id written as text); InvalidInput
    otherwise.
    """
    if not title.strip():
        raise InvalidInput("verify.error.title_needed")
    bound = solution_ref(store, solution_id)
    dump = [json.dumps(v, ensure_ascii=False, default=str) for v in (metric, inputs, result)]
    with store.transaction() as tx:
        found = tx.execute(
            "INSERT INTO verifications (cycle_id, solution_id, title, metric, inputs, result,"
            " verdict, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [cycle_id, bound, title.strip(), *dump, result["verdict"],
             current_actor().name],
        ).fetchone()  # fmt: skip
        new_id = int(found[0]) if found else 0
        tx.execute(
            "INSERT INTO cycle_artefacts (cycle_id, step, kind, ref_id, label)"
            " VALUES (?, 8, 'verification', ?, ?) ON CONFLICT DO NOTHING",
            [cycle_id, str(new_id), title.strip()],
        )
        audit.record(tx, "verification.save", "verification", new_id, verdict=result["verdict"])
    return new_id


def solution_ref(store: Store, solution_id: int | str | None) -> int | None:
    """Return the id of the stored solution a verification names (None for none); else refuse."""
    if solution_id is None or (isinstance(solution_id, str) and not solution_id.strip()):
        return None
    text = str(solution_id).strip().lstrip("#")
    found = store.scalar("SELECT id FROM solutions WHERE id = TRY_CAST(? AS BIGINT)", [text])
    if found is None:
        raise InvalidInput("verify.error.unknown_solution", solution=str(solution_id).strip())
    return int(found)


def list_verifications(store: Store, cycle_id: int | None = None) -> pd.DataFrame:
    """Return saved verifications (newest first), optionally of one cycle, without result JSON."""
    where, params = ("WHERE cycle_id = ?", [cycle_id]) if cycle_id is not None else ("", [])
    return store.df(
        "SELECT v.id, v.cycle_id, v.solution_id, s.title AS solution_title, v.title, v.verdict,"
        " v.created_at, v.created_by FROM verifications v"
        f" LEFT JOIN solutions s ON s.id = v.solution_id {where.replace('cycle_id', 'v.cycle_id')}"
        " ORDER BY v.id DESC",
        params,
    )


def load_verification(store: Store, verification_id: int) -> dict[str, Any]:
    """Return one verification with its metric, inputs and result decoded."""
    found = store.df(
        "SELECT v.*, s.title AS solution_title FROM verifications v"
        " LEFT JOIN solutions s ON s.id = v.solution_id WHERE v.id = ?",
        [verification_id],
    )
    if found.empty:
        raise NotFound("record.gone", record=str(verification_id))
    row = found.iloc[0].to_dict()
    row["solution_id"] = None if pd.isna(row["solution_id"]) else int(row["solution_id"])
    for key in ("metric", "inputs", "result"):
        row[key] = json.loads(row[key])
    return row


def verified_wins(store: Store, limit: int = 5) -> pd.DataFrame:
    """Return the newest verifications whose verdict is a verified improvement, with effect JSON."""
    return store.df(
        "SELECT v.id, v.title, v.cycle_id, c.number AS cycle_number, v.created_at,"
        " json_extract(v.result, '$.test.effect')::DOUBLE AS effect,"
        " json_extract(v.result, '$.test.p_value')::DOUBLE AS p_value,"
        " json_extract_string(v.metric, '$.kind') AS kind"
        " FROM verifications v JOIN cycles c ON c.id = v.cycle_id"
        " WHERE v.verdict = 'improved' ORDER BY v.id DESC LIMIT ?",
        [int(limit)],
    )
