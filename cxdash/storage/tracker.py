"""What the solution tracker reads: solutions, action steps, meeting items, latest verdicts."""

from __future__ import annotations

import pandas as pd

from cxdash.storage.db import Store


def tracker_solutions(store: Store, cycle_id: int | None = None) -> pd.DataFrame:
    """Return the solutions (of one cycle, or all) with cycle number, version and planned due."""
    return store.df(
        "SELECT s.id, s.cycle_id, c.number AS cycle_number, s.title, s.status, s.owner,"
        " s.version, json_extract_string(s.verification, '$.due') AS plan_due"
        " FROM solutions s LEFT JOIN cycles c ON c.id = s.cycle_id"
        " WHERE ? IS NULL OR s.cycle_id = ? ORDER BY s.id",
        [cycle_id, cycle_id],
    )


def tracker_actions(store: Store, cycle_id: int | None = None) -> pd.DataFrame:
    """Return the action steps of solutions (of one cycle, or all)."""
    return store.df(
        "SELECT a.solution_id, s.title AS solution, a.cycle_id, a.step, a.department, a.owner,"
        " a.due_date, a.status FROM solution_actions a JOIN solutions s ON s.id = a.solution_id"
        " WHERE ? IS NULL OR a.cycle_id = ? ORDER BY a.solution_id, a.position",
        [cycle_id, cycle_id],
    )


def open_action_items(store: Store) -> pd.DataFrame:
    """Return every meeting action item not yet done, of any cycle, with meeting and solution."""
    return store.df(
        "SELECT i.id, i.cycle_id, i.meeting_id, m.title AS meeting, i.solution_id,"
        " s.title AS solution, i.title, i.owner, i.department, i.due_date, i.status"
        " FROM meeting_action_items i JOIN meetings m ON m.id = i.meeting_id"
        " LEFT JOIN solutions s ON s.id = i.solution_id WHERE i.status <> 'done'"
        " ORDER BY i.due_date, i.id"
    )


def latest_verdicts(store: Store) -> pd.DataFrame:
    """Return each linked solution's newest verification verdict."""
    return store.df(
        "SELECT solution_id, verdict, id AS verification_id FROM verifications"
        " WHERE solution_id IS NOT NULL"
        " QUALIFY row_number() OVER (PARTITION BY solution_id ORDER BY id DESC) = 1"
    )
