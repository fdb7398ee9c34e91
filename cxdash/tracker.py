"""The solution tracker: every solution as a card with progress, due date, overdue work and verdict.

Progress is the share of a solution's action steps that are done; an action step or a meeting
action item is overdue when it is past its due date and not done (``meetings.is_overdue``).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from cxdash.meetings import ActionItem, is_overdue
from cxdash.solutions import STATUSES

TABLE_COLUMNS = [
    "id", "cycle_id", "cycle_number", "title", "status", "owner", "departments", "owners", "due",
    "actions_done", "actions_total", "progress", "overdue_actions", "overdue_items", "verdict",
    "verification_id",
]  # fmt: skip
WORK_COLUMNS = ["title", "owner", "department", "due_date", "status", "meeting", "solution"]


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10]) if value.strip() else None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def overdue_items(items: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Return the action items (steps or meeting items) overdue as of a day, with days late."""
    if items.empty:
        return items.assign(days_late=pd.Series(dtype="int64"))
    due = [_day(d) for d in items["due_date"]]
    late = [
        d is not None and is_overdue(ActionItem(str(t), "", d, status=str(s)), as_of)
        for t, d, s in zip(items["title"], due, items["status"], strict=True)
    ]
    found = items.loc[late].copy()
    found["days_late"] = [(as_of - d).days for d, hit in zip(due, late, strict=True) if d and hit]
    return found.sort_values(["days_late", "title"], ascending=[False, True])


def overdue_work(items: pd.DataFrame, steps: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Return overdue meeting action items and solution action steps together, most late first."""
    parts = [
        items.reindex(columns=WORK_COLUMNS),
        steps.rename(columns={"step": "title"}).assign(meeting="").reindex(columns=WORK_COLUMNS),
    ]
    kept = [p for p in parts if not p.empty]
    both = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=WORK_COLUMNS)
    return overdue_items(both, as_of)


def _last_day(values: pd.Series) -> date | None:
    return max((d for d in map(_day, values) if d is not None), default=None)


def _per_solution(actions: pd.DataFrame, items: pd.DataFrame, as_of: date) -> pd.DataFrame:
    steps = actions.rename(columns={"step": "title"})
    late_steps = overdue_items(steps, as_of).groupby("solution_id").size()
    late_items = overdue_items(items.dropna(subset=["solution_id"]), as_of)
    late_items = late_items.groupby(late_items["solution_id"].astype(int)).size()
    grouped = steps.groupby("solution_id")
    return pd.DataFrame(
        {
            "actions_total": grouped.size(),
            "actions_done": grouped["status"].agg(lambda s: int((s == "done").sum())),
            "last_due": grouped["due_date"].agg(_last_day),
            "overdue_actions": late_steps,
            "overdue_items": late_items,
        }
    )  # fmt: skip


def _people(actions: pd.DataFrame, items: pd.DataFrame, column: str) -> dict[int, tuple[str, ...]]:
    both = pd.concat([actions[["solution_id", column]], items[["solution_id", column]]])
    both = both.dropna().astype({"solution_id": int})
    both = both[both[column].astype(str).str.strip() != ""]
    return {int(k): tuple(sorted(set(map(str, g)))) for k, g in both.groupby("solution_id")[column]}


def tracker_table(
    solutions: pd.DataFrame,
    actions: pd.DataFrame,
    items: pd.DataFrame,
    verdicts: pd.DataFrame,
    as_of: date,
) -> pd.DataFrame:
    """Return one row per solution: owner, departments, due date, progress, overdue, verdict.

    The due date is the verification plan's date when set, else the last action step's.
    """
    if solutions.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    stats = _per_solution(actions, items, as_of).reindex(solutions["id"].astype(int))
    depts, owners = _people(actions, items, "department"), _people(actions, items, "owner")
    linked = verdicts["solution_id"].astype(int)
    latest = dict(zip(linked, verdicts["verdict"], strict=True))
    checks = dict(zip(linked, verdicts["verification_id"], strict=True))
    frame = solutions.reset_index(drop=True).copy()
    ids = frame["id"].astype(int).tolist()
    planned = [_day(d) for d in frame["plan_due"]]
    frame["due"] = [p or _day(s) for p, s in zip(planned, stats["last_due"], strict=True)]
    for name in ("actions_total", "actions_done", "overdue_actions", "overdue_items"):
        frame[name] = pd.to_numeric(stats[name], errors="coerce").fillna(0).astype(int).to_numpy()
    total = frame["actions_total"].where(frame["actions_total"] > 0)
    frame["progress"] = (frame["actions_done"] / total).fillna(0.0)
    frame["departments"] = [depts.get(i, ()) for i in ids]
    frame["owners"] = [tuple(sorted({o, *owners.get(i, ())} - {""})) for o, i in
                       zip(frame["owner"].fillna(""), ids, strict=True)]  # fmt: skip
    frame["verdict"] = [latest.get(i, "") for i in ids]
    found = [int(checks[i]) if i in checks else None for i in ids]
    frame["verification_id"] = pd.Series(found, index=frame.index, dtype=object)
    return frame[TABLE_COLUMNS]


def filter_tracker(table: pd.DataFrame, department: str = "", owner: str = "") -> pd.DataFrame:
    """Return the rows whose actions involve the department and the person (blank: any)."""
    keep = pd.Series(True, index=table.index)
    if department:
        keep &= table["departments"].map(lambda d: department in d)
    if owner:
        keep &= table["owners"].map(lambda o: owner in o)
    return table[keep]


def board_columns(table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Return the rows of each status, one entry per status in the status flow's order."""
    return {status: table[table["status"] == status] for status in STATUSES}


def choices(table: pd.DataFrame, column: str) -> list[str]:
    """Return the distinct names held in a tuple column (departments or owners), sorted."""
    return sorted({name for names in table[column] for name in names})
