"""Journey maps of a cycle: the map, its ordered stages and its cards, with versioned edits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from cxdash.errors import InvalidInput, NotFound
from cxdash.journey import LANES, MAX_CARD_TEXT, STATUSES
from cxdash.storage import audit
from cxdash.storage.db import Store
from cxdash.storage.versioned import update_versioned


def _clean_text(text: str) -> str:
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise InvalidInput("journey.card_text_empty")
    if len(cleaned) > MAX_CARD_TEXT:
        raise InvalidInput("journey.card_text_long", limit=MAX_CARD_TEXT)
    return cleaned


def _check_place(tx: duckdb.DuckDBPyConnection, map_id: int, stage_key: str, lane: str) -> None:
    if lane not in LANES:
        raise InvalidInput("journey.bad_lane", lane=lane)
    found = tx.execute(
        "SELECT 1 FROM journey_stages WHERE map_id = ? AND key = ?", [map_id, stage_key]
    ).fetchone()
    if found is None:
        raise InvalidInput("journey.bad_stage", stage=stage_key)


def list_maps(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the cycle's journey maps, finished ones first, then by name."""
    return store.df(
        "SELECT m.*, (SELECT count(*) FROM journey_cards c WHERE c.map_id = m.id) AS cards"
        " FROM journey_maps m WHERE cycle_id = ? ORDER BY status = 'draft', name, id",
        [cycle_id],
    )


def create_map(
    store: Store,
    cycle_id: int,
    name: str,
    persona: str,
    stages: Sequence[tuple[str, str, float | None]],
    cards: Sequence[dict[str, Any]] = (),
    *,
    status: str = "draft",
    source: str = "manual",
) -> int:
    """Write a map with its stages (key, label, emotion) and cards in one go; return its id."""
    if not name.strip():
        raise InvalidInput("journey.name_empty")
    if not stages:
        raise InvalidInput("journey.no_stages")
    if status not in STATUSES:
        raise InvalidInput("journey.bad_status", status=status)
    with store.transaction() as tx:
        row = tx.execute(
            "INSERT INTO journey_maps (cycle_id, name, persona, status, source)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            [cycle_id, name.strip(), persona.strip(), status, source],
        ).fetchone()
        map_id = int(row[0]) if row else 0
        for pos, (key, label, emotion) in enumerate(stages):
            tx.execute(
                "INSERT INTO journey_stages VALUES (?, ?, ?, ?, ?)",
                [map_id, key, label, pos, emotion],
            )
        for card in cards:
            _insert_card(tx, map_id, card)
        audit.record(tx, "journey.create", "journey_map", map_id, name=name, source=source)
    return map_id


def _insert_card(tx: duckdb.DuckDBPyConnection, map_id: int, card: dict[str, Any]) -> int:
    _check_place(tx, map_id, card["stage_key"], card["lane"])
    position = card.get("position")
    if position is None:
        found = tx.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM journey_cards"
            " WHERE map_id = ? AND stage_key = ? AND lane = ?",
            [map_id, card["stage_key"], card["lane"]],
        ).fetchone()
        position = found[0] if found else 0
    row = tx.execute(
        "INSERT INTO journey_cards (map_id, stage_key, lane, position, text, touchpoint, category)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            map_id,
            card["stage_key"],
            card["lane"],
            position,
            _clean_text(card["text"]),
            card.get("touchpoint"),
            card.get("category"),
        ],
    ).fetchone()
    return int(row[0]) if row else 0


def load_map(store: Store, map_id: int) -> tuple[dict[str, Any], pd.DataFrame, pd.DataFrame]:
    """Return a map's record, its stages in order and its cards in order."""
    found = store.df("SELECT * FROM journey_maps WHERE id = ?", [map_id])
    if found.empty:
        raise NotFound("record.gone", record=f"journey {map_id}")
    stages = store.df(
        "SELECT key, label, position, emotion FROM journey_stages WHERE map_id = ?"
        " ORDER BY position, key",
        [map_id],
    )
    cards = store.df(
        "SELECT * FROM journey_cards WHERE map_id = ? ORDER BY stage_key, lane, position, id",
        [map_id],
    )
    return found.iloc[0].to_dict(), stages, cards


def add_card(store: Store, map_id: int, card: dict[str, Any]) -> int:
    """Add one card at the end of its stage and lane; return its id."""
    with store.transaction() as tx:
        card_id = _insert_card(tx, map_id, card)
        audit.record(tx, "journey.card_add", "journey_card", card_id, map_id=map_id)
    return card_id


def move_card(
    store: Store, card_id: int, version: int, stage_key: str, lane: str, position: int
) -> int:
    """Move a card to a stage, lane and position (others in that lane shift); return its version."""
    with store.transaction() as tx:
        map_id = _card_map(tx, card_id)
        _check_place(tx, map_id, stage_key, lane)
        tx.execute(
            "UPDATE journey_cards SET position = position + 1 WHERE map_id = ? AND stage_key = ?"
            " AND lane = ? AND position >= ? AND id <> ?",
            [map_id, stage_key, lane, position, card_id],
        )
        changes = {"stage_key": stage_key, "lane": lane, "position": max(0, int(position))}
        new_version = update_versioned(tx, "journey_cards", "id", card_id, version, changes)
        audit.record(tx, "journey.card_move", "journey_card", card_id, **changes)
    return new_version


def _card_map(tx: duckdb.DuckDBPyConnection, card_id: int) -> int:
    found = tx.execute("SELECT map_id FROM journey_cards WHERE id = ?", [card_id]).fetchone()
    if found is None:
        raise NotFound("record.gone", record=f"card {card_id}")
    return int(found[0])


def rename_card(store: Store, card_id: int, version: int, text: str) -> int:
    """Change a card's text; return its new version."""
    with store.transaction() as tx:
        changes = {"text": _clean_text(text)}
        new_version = update_versioned(tx, "journey_cards", "id", card_id, version, changes)
        audit.record(tx, "journey.card_rename", "journey_card", card_id)
    return new_version


def delete_card(store: Store, card_id: int, version: int) -> None:
    """Delete a card, refusing when someone changed it since it was loaded."""
    with store.transaction() as tx:
        update_versioned(tx, "journey_cards", "id", card_id, version, {})
        tx.execute("DELETE FROM journey_cards WHERE id = ?", [card_id])
        audit.record(tx, "journey.card_delete", "journey_card", card_id)


def reorder_stages(store: Store, map_id: int, version: int, keys: Sequence[str]) -> int:
    """Put the map's stages in the given order; return the map's new version."""
    with store.transaction() as tx:
        known = {
            r[0]
            for r in tx.execute(
                "SELECT key FROM journey_stages WHERE map_id = ?", [map_id]
            ).fetchall()
        }
        if set(keys) != known or len(keys) != len(known):
            raise InvalidInput("journey.bad_stage_order")
        new_version = update_versioned(tx, "journey_maps", "id", map_id, version, {})
        for pos, key in enumerate(keys):
            tx.execute(
                "UPDATE journey_stages SET position = ? WHERE map_id = ? AND key = ?",
                [pos, map_id, key],
            )
        audit.record(tx, "journey.stages_reorder", "journey_map", map_id, order=list(keys))
    return new_version


def update_map(store: Store, map_id: int, version: int, **fields: str) -> int:
    """Change a map's name, persona or status; return its new version."""
    changes = {k: v for k, v in fields.items() if k in ("name", "persona", "status")}
    if changes.get("status", "draft") not in STATUSES:
        raise InvalidInput("journey.bad_status", status=changes["status"])
    with store.transaction() as tx:
        new_version = update_versioned(tx, "journey_maps", "id", map_id, version, changes)
        audit.record(tx, "journey.update", "journey_map", map_id, **changes)
    return new_version


def save_grid(
    store: Store,
    map_id: int,
    version: int,
    cells: dict[tuple[str, str], list[str]],
    emotions: dict[str, float | None],
) -> int:
    """Save the table method: per (lane, stage) the card texts, per stage the emotion.

    Cards whose text stays keep their id and position; removed texts are deleted and new ones
    appended. Returns the map's new version.
    """
    with store.transaction() as tx:
        new_version = update_versioned(tx, "journey_maps", "id", map_id, version, {})
        for stage_key, emotion in emotions.items():
            tx.execute(
                "UPDATE journey_stages SET emotion = ? WHERE map_id = ? AND key = ?",
                [emotion, map_id, stage_key],
            )
        for (lane, stage_key), texts in cells.items():
            _sync_cell(tx, map_id, lane, stage_key, texts)
        audit.record(tx, "journey.grid_save", "journey_map", map_id)
    return new_version


def _sync_cell(
    tx: duckdb.DuckDBPyConnection, map_id: int, lane: str, stage_key: str, texts: list[str]
) -> None:
    wanted = [_clean_text(t) for t in texts if str(t).strip()]
    existing = tx.execute(
        "SELECT id, text FROM journey_cards WHERE map_id = ? AND lane = ? AND stage_key = ?",
        [map_id, lane, stage_key],
    ).fetchall()
    have = {text: card_id for card_id, text in existing}
    for card_id, text in existing:
        if text not in wanted:
            tx.execute("DELETE FROM journey_cards WHERE id = ?", [card_id])
    for text in wanted:
        if text not in have:
            _insert_card(tx, map_id, {"stage_key": stage_key, "lane": lane, "text": text})


def delete_map(store: Store, map_id: int) -> None:
    """Delete a map with its stages and cards."""
    with store.transaction() as tx:
        for table, column in (("journey_cards", "map_id"), ("journey_stages", "map_id")):
            tx.execute(f"DELETE FROM {table} WHERE {column} = ?", [map_id])
        tx.execute("DELETE FROM journey_maps WHERE id = ?", [map_id])
        audit.record(tx, "journey.delete", "journey_map", map_id)
