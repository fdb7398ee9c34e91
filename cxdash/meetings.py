"""Cross-department meetings (step 7): attendees, agenda, decisions and dated action items.

The method runs the rollout in rounds: a first meeting with the heads of the departments
concerned and without the boss, a second one with the boss, then follow-ups; after each one the
notes, decisions and plan go to everyone with a stake in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from cxdash.errors import InvalidInput

MEETING_KINDS = ("department_heads", "with_boss", "follow_up")
ROLES = ("head", "boss", "member")
ITEM_STATUSES = ("open", "in_progress", "done", "blocked")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Attendee:
    """A person at the meeting: name, department, e-mail and role (head, boss, member)."""

    name: str
    department: str = ""
    email: str = ""
    role: str = "head"


@dataclass(frozen=True)
class AgendaItem:
    """One agenda point, optionally linked to the solution it discusses."""

    topic: str
    solution_id: int | None = None


@dataclass(frozen=True)
class ActionItem:
    """A dated commitment: what, who, which department, by when, its state and solution."""

    title: str
    owner: str
    due: date
    department: str = ""
    status: str = "open"
    solution_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Meeting:
    """A meeting of a cycle: kind, day, title, attendees, agenda, notes, decisions, actions."""

    cycle_id: int
    kind: str
    held_on: date
    title: str
    attendees: tuple[Attendee, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    notes: str = ""
    decisions: tuple[str, ...] = ()
    action_items: tuple[ActionItem, ...] = ()
    id: int | None = None


def is_overdue(item: ActionItem, as_of: date) -> bool:
    """Return whether the action item is past due and not done, as of the given day."""
    return item.status != "done" and item.due < as_of


def overdue_items(meeting: Meeting, as_of: date) -> list[ActionItem]:
    """Return the meeting's overdue action items as of the given day."""
    return [i for i in meeting.action_items if is_overdue(i, as_of)]


def _check_attendees(attendees: tuple[Attendee, ...]) -> None:
    if not attendees:
        raise InvalidInput("meetings.error.attendees")
    for n, person in enumerate(attendees, start=1):
        if not person.name.strip():
            raise InvalidInput("meetings.error.attendee_name", row=n)
        if person.email and not _EMAIL.match(person.email):
            raise InvalidInput("meetings.error.email", row=n, email=person.email)
        if person.role not in ROLES:
            raise InvalidInput("meetings.error.role", row=n, role=person.role)


def validate_meeting(meeting: Meeting) -> None:
    """Raise InvalidInput with the first problem that keeps the meeting from being saved."""
    if meeting.kind not in MEETING_KINDS:
        raise InvalidInput("meetings.error.kind", kind=meeting.kind)
    if not meeting.title.strip():
        raise InvalidInput("meetings.error.title")
    _check_attendees(meeting.attendees)
    for n, item in enumerate(meeting.action_items, start=1):
        if not item.title.strip() or not item.owner.strip():
            raise InvalidInput("meetings.error.item", row=n)
        if item.status not in ITEM_STATUSES:
            raise InvalidInput("meetings.error.item_status", row=n, status=item.status)


def meeting_warnings(meeting: Meeting) -> list[str]:
    """Return advice keys: the boss at the first heads' meeting, or missing from the second."""
    has_boss = any(a.role == "boss" for a in meeting.attendees)
    if meeting.kind == "department_heads" and has_boss:
        return ["boss_at_first_meeting"]
    if meeting.kind == "with_boss" and not has_boss:
        return ["no_boss"]
    return []


def recipients(meeting: Meeting) -> list[str]:
    """Return the attendees' e-mail addresses as 'Name <address>', in attendee order."""
    return [f"{a.name} <{a.email}>" for a in meeting.attendees if a.email]


def _day(value: Any) -> date:
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _optional_id(value: Any) -> int | None:
    return None if value is None or value != value else int(value)


def meeting_from_record(record: dict[str, Any]) -> Meeting:
    """Return the Meeting held in a stored record (see storage.meetings.load_meeting)."""
    return Meeting(
        cycle_id=int(record["cycle_id"]),
        kind=str(record["kind"]),
        held_on=_day(record["held_on"]),
        title=str(record["title"]),
        attendees=tuple(
            Attendee(a["name"], a["department"], a["email"], a["role"]) for a in record["attendees"]
        ),
        agenda=tuple(
            AgendaItem(a["topic"], _optional_id(a["solution_id"])) for a in record["agenda"]
        ),
        notes=str(record["notes"]),
        decisions=tuple(record["decisions"]),
        action_items=tuple(
            ActionItem(
                i["title"],
                i["owner"],
                _day(i["due_date"]),
                i["department"],
                i["status"],
                _optional_id(i["solution_id"]),
                _optional_id(i.get("id")),
            )
            for i in record["action_items"]
        ),
        id=_optional_id(record.get("id")),
    )


def meeting_to_record(meeting: Meeting) -> dict[str, Any]:
    """Return the storable record of a Meeting."""
    return {
        "id": meeting.id,
        "cycle_id": meeting.cycle_id,
        "kind": meeting.kind,
        "held_on": meeting.held_on,
        "title": meeting.title,
        "notes": meeting.notes,
        "decisions": [d for d in meeting.decisions if d.strip()],
        "attendees": [vars(a).copy() for a in meeting.attendees],
        "agenda": [vars(a).copy() for a in meeting.agenda],
        "action_items": [
            {
                "id": i.id,
                "title": i.title,
                "owner": i.owner,
                "department": i.department,
                "due_date": i.due,
                "status": i.status,
                "solution_id": i.solution_id,
            }
            for i in meeting.action_items
        ],
    }
