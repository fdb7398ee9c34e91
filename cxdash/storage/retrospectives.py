"""Retrospective notes per cycle and solution under the method's five headings."""

from __future__ import annotations

import pandas as pd

from cxdash.access import current_actor
from cxdash.errors import InvalidInput
from cxdash.retrospective import HEADINGS
from cxdash.storage import audit
from cxdash.storage.db import Store


def add_notes(
    store: Store, cycle_id: int, notes: dict[str, tuple[str, str]], solution_id: int | None = None
) -> int:
    """Save the non-empty notes {heading: (note, lesson)} in one transaction; return how many.

    ``solution_id`` links the notes to a stored solution; an unknown id is refused.
    """
    unknown = set(notes) - set(HEADINGS)
    if unknown:
        raise InvalidInput("retro.error.heading", heading=", ".join(sorted(unknown)))
    filled = {h: (n.strip(), lesson.strip()) for h, (n, lesson) in notes.items() if n.strip()}
    if not filled:
        raise InvalidInput("retro.error.empty")
    linked = None if solution_id is None else str(int(solution_id))
    known = "SELECT count(*) FROM solutions WHERE id = ?"
    if linked is not None and not store.scalar(known, [int(linked)]):
        raise InvalidInput("retro.error.solution", id=linked)
    with store.transaction() as tx:
        for heading, (note, lesson) in filled.items():
            tx.execute(
                "INSERT INTO retro_notes (cycle_id, solution_id, heading, note, lesson, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [cycle_id, linked, heading, note, lesson, current_actor().name],
            )
        audit.record(tx, "retro.add", "cycle", cycle_id, notes=len(filled))
    return len(filled)


def search_notes(
    store: Store, text: str = "", cycle_id: int | None = None, lessons_only: bool = False
) -> pd.DataFrame:
    """Return retrospective notes matching the text (case-insensitive), newest first.

    ``solution`` is the linked solution's title (older notes may hold a free-text reference).
    """
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if text.strip():
        where.append(
            "(note ILIKE ? OR lesson ILIKE ? OR coalesce(s.title, r.solution_id, '') ILIKE ?)"
        )
        params += [f"%{text.strip()}%"] * 3
    if cycle_id is not None:
        where.append("r.cycle_id = ?")
        params.append(cycle_id)
    if lessons_only:
        where.append("lesson <> ''")
    return store.df(
        "SELECT r.id, c.number AS cycle_number, r.solution_id,"
        " coalesce(s.title, r.solution_id) AS solution, r.heading, r.note, r.lesson,"
        " r.created_at, r.created_by FROM retro_notes r JOIN cycles c ON c.id = r.cycle_id"
        " LEFT JOIN solutions s ON CAST(s.id AS VARCHAR) = r.solution_id"
        f" WHERE {' AND '.join(where)} ORDER BY r.id DESC LIMIT 500",
        params,
    )
