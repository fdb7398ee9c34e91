"""Retrospective notes per cycle and solution under the method's five headings."""

from __future__ import annotations

import pandas as pd

from cxdash.access import current_actor
from cxdash.errors import InvalidInput
from cxdash.retrospective import HEADINGS
from cxdash.storage import audit
from cxdash.storage.db import Store


def add_notes(
    store: Store, cycle_id: int, notes: dict[str, tuple[str, str]], solution_id: str | None = None
) -> int:
    """Save the non-empty notes {heading: (note, lesson)} in one transaction; return how many."""
    unknown = set(notes) - set(HEADINGS)
    if unknown:
        raise InvalidInput("retro.error.heading", heading=", ".join(sorted(unknown)))
    filled = {h: (n.strip(), lesson.strip()) for h, (n, lesson) in notes.items() if n.strip()}
    if not filled:
        raise InvalidInput("retro.error.empty")
    with store.transaction() as tx:
        for heading, (note, lesson) in filled.items():
            tx.execute(
                "INSERT INTO retro_notes (cycle_id, solution_id, heading, note, lesson, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [cycle_id, solution_id or None, heading, note, lesson, current_actor().name],
            )
        audit.record(tx, "retro.add", "cycle", cycle_id, notes=len(filled))
    return len(filled)


def search_notes(
    store: Store, text: str = "", cycle_id: int | None = None, lessons_only: bool = False
) -> pd.DataFrame:
    """Return retrospective notes matching the text (case-insensitive), newest first."""
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if text.strip():
        where.append("(note ILIKE ? OR lesson ILIKE ? OR coalesce(solution_id, '') ILIKE ?)")
        params += [f"%{text.strip()}%"] * 3
    if cycle_id is not None:
        where.append("r.cycle_id = ?")
        params.append(cycle_id)
    if lessons_only:
        where.append("lesson <> ''")
    return store.df(
        "SELECT r.id, c.number AS cycle_number, r.solution_id, r.heading, r.note, r.lesson,"
        " r.created_at, r.created_by FROM retro_notes r JOIN cycles c ON c.id = r.cycle_id"
        f" WHERE {' AND '.join(where)} ORDER BY r.id DESC LIMIT 500",
        params,
    )
