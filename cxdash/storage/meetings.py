"""Meetings with attendees, agenda and action items: saved whole, in one transaction."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from cxdash.errors import NotFound
from cxdash.storage.db import Store

ATTENDEE_FIELDS = ("name", "department", "email", "role")
ITEM_FIELDS = ("solution_id", "title", "owner", "department", "due_date", "status")


def _write_children(tx: Any, meeting_id: int, record: dict[str, Any]) -> None:
    cycle_id = record["cycle_id"]
    for table in ("meeting_attendees", "meeting_agenda"):
        tx.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting_id])
    for pos, person in enumerate(record["attendees"]):
        tx.execute(
            "INSERT INTO meeting_attendees (meeting_id, cycle_id, position, name, department,"
            " email, role) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [meeting_id, cycle_id, pos, *(person[f] for f in ATTENDEE_FIELDS)],
        )
    for pos, point in enumerate(record["agenda"]):
        tx.execute(
            "INSERT INTO meeting_agenda (meeting_id, cycle_id, position, topic, solution_id)"
            " VALUES (?, ?, ?, ?, ?)",
            [meeting_id, cycle_id, pos, point["topic"], point["solution_id"]],
        )
    kept = [i["id"] for i in record["action_items"] if i.get("id") is not None]
    tx.execute(
        "DELETE FROM meeting_action_items WHERE meeting_id = ? AND NOT list_contains(?, id)",
        [meeting_id, kept],
    )
    for item in record["action_items"]:
        values = [item[f] for f in ITEM_FIELDS]
        if item.get("id") is None:
            tx.execute(
                "INSERT INTO meeting_action_items (meeting_id, cycle_id, solution_id, title,"
                " owner, department, due_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [meeting_id, cycle_id, *values],
            )
        else:
            sets = ", ".join(f"{f} = ?" for f in ITEM_FIELDS)
            tx.execute(
                f"UPDATE meeting_action_items SET {sets} WHERE id = ?", [*values, item["id"]]
            )


def save_meeting(store: Store, record: dict[str, Any]) -> int:
    """Insert or update a meeting with its attendees, agenda and action items; return its id."""
    head = [record["kind"], record["held_on"], record["title"], record["notes"]]
    decisions = json.dumps(record["decisions"], ensure_ascii=False)
    with store.transaction() as tx:
        if record.get("id") is None:
            found = tx.execute(
                "INSERT INTO meetings (cycle_id, kind, held_on, title, notes, decisions)"
                " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                [record["cycle_id"], *head, decisions],
            ).fetchone()
            meeting_id = int(found[0]) if found else 0
        else:
            meeting_id = int(record["id"])
            tx.execute(
                "UPDATE meetings SET kind = ?, held_on = ?, title = ?, notes = ?, decisions = ?"
                " WHERE id = ?",
                [*head, decisions, meeting_id],
            )
        _write_children(tx, meeting_id, record)
    return meeting_id


def load_meeting(store: Store, meeting_id: int) -> dict[str, Any]:
    """Return a stored meeting as a record with attendees, agenda and action items."""
    found = store.df("SELECT * FROM meetings WHERE id = ?", [meeting_id])
    if found.empty:
        raise NotFound("meetings.error.not_found", id=meeting_id)
    record: dict[str, Any] = found.iloc[0].to_dict()
    record["decisions"] = json.loads(record["decisions"])
    child = "FROM {} WHERE meeting_id = ? ORDER BY {}"
    record["attendees"] = store.df(
        "SELECT name, department, email, role " + child.format("meeting_attendees", "position"),
        [meeting_id],
    ).to_dict("records")
    record["agenda"] = store.df(
        "SELECT topic, solution_id " + child.format("meeting_agenda", "position"), [meeting_id]
    ).to_dict("records")
    record["action_items"] = store.df(
        "SELECT id, " + ", ".join(ITEM_FIELDS) + " " + child.format("meeting_action_items", "id"),
        [meeting_id],
    ).to_dict("records")
    return record


def list_meetings(store: Store, cycle_id: int | None = None) -> pd.DataFrame:
    """Return the meetings (of one cycle, or all) with attendee and action-item counts."""
    return store.df(
        "SELECT m.id, m.cycle_id, m.held_on, m.kind, m.title,"
        " (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) AS attendees,"
        " (SELECT count(*) FROM meeting_action_items i WHERE i.meeting_id = m.id) AS items"
        " FROM meetings m WHERE ? IS NULL OR m.cycle_id = ? ORDER BY m.held_on DESC, m.id DESC",
        [cycle_id, cycle_id],
    )


def list_action_items(store: Store, cycle_id: int | None = None) -> pd.DataFrame:
    """Return every meeting action item (of one cycle, or all) with its meeting, by due date."""
    return store.df(
        "SELECT i.id, i.cycle_id, i.meeting_id, m.title AS meeting, i.solution_id, i.title,"
        " i.owner, i.department, i.due_date, i.status FROM meeting_action_items i"
        " JOIN meetings m ON m.id = i.meeting_id WHERE ? IS NULL OR i.cycle_id = ?"
        " ORDER BY i.due_date, i.id",
        [cycle_id, cycle_id],
    )
