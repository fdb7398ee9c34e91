"""Complaint tickets: import, the frame the funnel is computed from, and root-cause records."""

from __future__ import annotations

import pandas as pd

from cxdash.errors import InvalidInput, NotFound
from cxdash.storage.db import Store
from cxdash.storage.taxonomy import load_taxonomy

TICKET_COLUMNS = (
    "ticket_id",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "status",
    "origin",
    "category",
    "region",
    "channel",
    "contacts",
    "reopened",
    "root_cause",
    "root_cause_category",
    "solution_id",
    "rectified_at",
    "source",
)
FILTERS = {"category": "category", "region": "region", "channel": "channel"}


def save_tickets(store: Store, tickets: pd.DataFrame, source: str) -> int:
    """Insert or replace tickets by id, all or nothing; return how many were written."""
    frame = tickets.reindex(columns=list(TICKET_COLUMNS)).copy()
    frame["source"] = source
    frame["origin"] = frame["origin"].astype(object).fillna("complaint")
    frame["reopened"] = pd.to_numeric(frame["reopened"], errors="coerce").fillna(0).astype(int)
    frame["status"] = frame["status"].astype(str).str.strip().str.lower()
    frame = frame.drop_duplicates("ticket_id", keep="last")
    cols = ", ".join(TICKET_COLUMNS)
    with store.transaction() as tx:
        tx.register("incoming_tickets", frame)
        tx.execute(f"INSERT OR REPLACE INTO tickets ({cols}) SELECT {cols} FROM incoming_tickets")
        tx.unregister("incoming_tickets")
    return len(frame)


def count_tickets(store: Store) -> int:
    """Return how many tickets the workspace holds."""
    return int(store.scalar("SELECT count(*) FROM tickets"))


def load_tickets(store: Store, filters: dict[str, str] | None = None) -> pd.DataFrame:
    """Return the tickets, optionally filtered on whitelisted dimensions, oldest first."""
    clauses, params = [], []
    for name, value in (filters or {}).items():
        clauses.append(f"{FILTERS[name]} = ?")
        params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return store.df(f"SELECT * FROM tickets {where} ORDER BY opened_at, ticket_id", params)


def dimension_values(store: Store, dimension: str) -> list[str]:
    """Return the distinct values of a whitelisted dimension."""
    column = FILTERS[dimension]
    rows = store.rows(
        f"SELECT DISTINCT {column} FROM tickets WHERE {column} IS NOT NULL ORDER BY 1"
    )
    return [str(r[0]) for r in rows]


def record_root_cause(
    store: Store,
    ticket_id: str,
    root_cause: str,
    category: str | None,
    solution_id: str | None,
    rectified: bool = False,
) -> None:
    """Record a ticket's root cause with its taxonomy category key and an existing solution id."""
    if not root_cause.strip():
        raise InvalidInput("quality.root_cause_empty")
    if not store.scalar("SELECT count(*) FROM tickets WHERE ticket_id = ?", [ticket_id]):
        raise NotFound("quality.ticket_not_found", ticket=ticket_id)
    if category and category not in set(load_taxonomy(store)["key"]):
        raise InvalidInput("quality.cause_category_unknown", category=category)
    if solution_id and solution_id not in {str(i) for i in solution_ids(store)}:
        raise NotFound("quality.solution_not_found", solution=solution_id)
    with store.transaction() as tx:
        tx.execute(
            "UPDATE tickets SET root_cause = ?, root_cause_category = ?, solution_id = ?,"
            " rectified_at = CASE WHEN ? THEN coalesce(rectified_at, current_timestamp)"
            " ELSE rectified_at END WHERE ticket_id = ?",
            [root_cause.strip(), category or None, solution_id or None, rectified, ticket_id],
        )


def solution_ids(store: Store) -> list[int]:
    """Return the ids of every saved solution."""
    return [int(r[0]) for r in store.rows("SELECT id FROM solutions ORDER BY id")]
