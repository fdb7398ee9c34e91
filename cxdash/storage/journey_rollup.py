"""The journey rollup: a cycle's kept items counted per touchpoint, category, month and period.

Every aggregate of the journey, heatmap and key-point pages is computed from this small frame
(a few hundred rows however many items there are). It is persisted in ``journey_rollup`` (one
set of rows per cycle) with a ``journey_rollup_state`` row holding the data stamp it was built
from, so that a page in a fresh process reads a small table instead of scanning the feedback.

It is kept fresh at write time: every write that changes the items or their labels (imports,
undo, classifier and person labels, a cycle change) calls ``refresh`` or runs inside
``maintained`` in its own transaction. The stamp is the safety net: a read whose stamp does not
match the stored one never returns the stored rows (it rebuilds them, or computes them afresh
when it may not write). Stages are joined from ``touchpoints`` at read time, so a touchpoint
edit needs no rebuild.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pandas as pd

from cxdash.access import Role, current_actor
from cxdash.storage.db import Store
from cxdash.storage.journey_labels import KEPT, RATING, STAND_IN_SENTIMENT, TOUCHPOINT

KEYS = ("touchpoint", "category", "month", "period")
SUMMED = ("volume", "negative", "judged", "scored", "score_sum", "rated", "rating_sum", "top2")
# Label writes on up to this many items adjust the stored rows by their difference (old labels
# out, new labels in); larger ones, and every import or undo, rebuild them with one scan.
DELTA_LIMIT = 50_000

# period says which half of the data's time span the items fall in (split at the midpoint of
# the first and last date). The cells first group the kept items by the raw columns their labels
# derive from, then derive the labels once per group, so the label expressions never run per item.
_SPAN = "SELECT min(f.received_at) + (max(f.received_at) - min(f.received_at)) / 2"
_SPAN += f" {KEPT}"
_CELLS = f"""WITH grouped AS (
    SELECT f.category, f.product, f.channel, f.rating, f.rating_max,
        il.touchpoint AS il_touchpoint, il.category AS il_category, il.sentiment AS il_sentiment,
        date_trunc('month', f.received_at) AS month,
        CASE WHEN f.received_at >= $mid THEN 'recent'
            WHEN f.received_at < $mid THEN 'earlier' END AS period,
        count(*) AS n, coalesce(sum(il.sentiment_score), 0) AS il_score_sum,
        count(il.sentiment_score) AS il_scored
    {KEPT} {{only}} GROUP BY ALL
), labelled_groups AS (
    SELECT f.month, f.period, coalesce(il_touchpoint, {TOUCHPOINT}) AS touchpoint,
        coalesce(il_category, f.category) AS category, ({RATING}) AS rating,
        coalesce(il_sentiment, {STAND_IN_SENTIMENT}) AS sentiment, n,
        il_score_sum + CASE WHEN f.rating IS NULL THEN 0
            ELSE (n - il_scored) * (({RATING}) - 3) / 2 END AS score_sum,
        il_scored + CASE WHEN f.rating IS NULL THEN 0 ELSE n - il_scored END AS scored
    FROM grouped f
)
SELECT touchpoint, category, month, period, sum(n)::BIGINT AS volume,
    coalesce(sum(n) FILTER (sentiment = 'negative'), 0)::BIGINT AS negative,
    coalesce(sum(n) FILTER (sentiment IS NOT NULL), 0)::BIGINT AS judged,
    sum(scored)::BIGINT AS scored, sum(score_sum)::DOUBLE AS score_sum,
    coalesce(sum(n) FILTER (rating IS NOT NULL), 0)::BIGINT AS rated,
    coalesce(sum(n * rating), 0)::DOUBLE AS rating_sum,
    coalesce(sum(n) FILTER (rating >= 4), 0)::BIGINT AS top2
FROM labelled_groups GROUP BY ALL"""
_ONLY = "AND f.id IN (SELECT feedback_id FROM {ids})"
_WITH_STAGE = f"""SELECT r.touchpoint, coalesce(tp.stage, 'other') AS stage, r.category,
    r.month, r.period, {", ".join(f"r.{m}" for m in SUMMED)}
FROM ({{cells}}) r LEFT JOIN touchpoints tp ON tp.key = r.touchpoint ORDER BY ALL"""
_STORED = "SELECT * FROM journey_rollup WHERE cycle_id = $cycle"
_COLUMNS = ", ".join(("cycle_id", *KEYS, *SUMMED))
_CURRENT = "SELECT coalesce(max(id) FILTER (status = 'open'), max(id)) FROM cycles"
_STAMP = """SELECT count(*), max(id), (SELECT count(*) FROM import_batches),
    (SELECT count(undone_at) FROM import_batches), (SELECT count(*) FROM item_labels),
    (SELECT max(labelled_at) FROM item_labels) FROM feedback"""


def _one(cur: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> Any:
    found = cur.execute(sql, params or []).fetchone()
    return found[0] if found else None


def _stamp(cur: duckdb.DuckDBPyConnection) -> str:
    """Return the data stamp: item count and last id, batches, undone batches, labels, last label.

    Items are only ever inserted or deleted (never updated) and every label write sets
    labelled_at, so any change to what the rollup reads changes the stamp.
    """
    found = cur.execute(_STAMP).fetchone() or ()
    return "|".join(str(v) for v in found)


def fingerprint(store: Store) -> str:
    """Return the workspace's data stamp (changes whenever the items or their labels change)."""
    cur = store.cursor()
    try:
        return _stamp(cur)
    finally:
        cur.close()


def _build(cur: duckdb.DuckDBPyConnection, cycle_id: int) -> None:
    """Replace the stored rows and state of one cycle with a fresh computation (one scan)."""
    cur.execute("DELETE FROM journey_rollup WHERE cycle_id = ?", [cycle_id])
    cur.execute("DELETE FROM journey_rollup_state WHERE cycle_id = ?", [cycle_id])
    mid = _one(cur, _SPAN, {"cycle": cycle_id})
    cells = _CELLS.format(only="")
    sql = f"INSERT INTO journey_rollup ({_COLUMNS}) SELECT $cycle, * FROM ({cells})"
    cur.execute(sql, {"cycle": cycle_id, "mid": mid})
    cur.execute(
        "INSERT INTO journey_rollup_state (cycle_id, stamp, mid) VALUES (?, ?, ?)",
        [cycle_id, _stamp(cur), mid],
    )


def refresh(tx: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the current cycle's stored rollup inside the caller's write transaction.

    The stored rows of other cycles are dropped; a read of one of them builds it again.
    """
    tx.execute("DELETE FROM journey_rollup")
    tx.execute("DELETE FROM journey_rollup_state")
    _build(tx, int(_one(tx, _CURRENT)))


def _fresh_state(cur: duckdb.DuckDBPyConnection, cycle_id: int) -> tuple[Any, ...] | None:
    """Return the cycle's stored (stamp, mid) when the stamp matches the data, else None."""
    found = cur.execute(
        "SELECT stamp, mid FROM journey_rollup_state WHERE cycle_id = ?", [cycle_id]
    ).fetchone()
    return tuple(found) if found and found[0] == _stamp(cur) else None


def _cells_of(cur: duckdb.DuckDBPyConnection, ids: str, cycle_id: int, mid: Any) -> pd.DataFrame:
    """Return the rollup rows of the items listed in the registered frame ids."""
    sql = _CELLS.format(only=_ONLY.format(ids=ids))
    return cur.execute(sql, {"cycle": cycle_id, "mid": mid}).df()


@contextmanager
def maintained(tx: duckdb.DuckDBPyConnection, ids: str) -> Iterator[None]:
    """Keep the stored rollup fresh across label writes to the items in the registered frame ids.

    With a fresh stored rollup and at most DELTA_LIMIT items, the stored rows are adjusted by
    the items' rows before (subtracted) and after (added) the writes; otherwise rebuilt.
    """
    cycle_id = int(_one(tx, _CURRENT))
    state = _fresh_state(tx, cycle_id)
    small = int(_one(tx, f"SELECT count(*) FROM {ids}")) <= DELTA_LIMIT
    before = _cells_of(tx, ids, cycle_id, state[1]) if state and small else None
    yield
    if before is None or state is None:
        refresh(tx)
        return
    after = _cells_of(tx, ids, cycle_id, state[1])
    before[list(SUMMED)] = -before[list(SUMMED)]
    _merge(tx, cycle_id, pd.concat([before, after], ignore_index=True), state[1])


def _merge(tx: duckdb.DuckDBPyConnection, cycle_id: int, delta: pd.DataFrame, mid: Any) -> None:
    """Add delta rows to the cycle's stored rows (cells left empty go); drop other cycles."""
    sums = ", ".join(
        f"sum({m})::{'DOUBLE' if m.endswith('_sum') else 'BIGINT'} AS {m}" for m in SUMMED
    )
    tx.register("journey_delta", delta)
    merged = tx.execute(
        f"SELECT $cycle AS cycle_id, {', '.join(KEYS)}, {sums} FROM ("
        f" SELECT {', '.join((*KEYS, *SUMMED))} FROM journey_rollup WHERE cycle_id = $cycle"
        f" UNION ALL SELECT {', '.join((*KEYS, *SUMMED))} FROM journey_delta)"
        " GROUP BY ALL HAVING sum(volume) > 0",
        {"cycle": cycle_id},
    ).df()
    tx.unregister("journey_delta")
    tx.execute("DELETE FROM journey_rollup")
    tx.execute("DELETE FROM journey_rollup_state")
    tx.register("journey_merged", merged)
    tx.execute(f"INSERT INTO journey_rollup ({_COLUMNS}) SELECT {_COLUMNS} FROM journey_merged")
    tx.unregister("journey_merged")
    tx.execute(
        "INSERT INTO journey_rollup_state (cycle_id, stamp, mid) VALUES (?, ?, ?)",
        [cycle_id, _stamp(tx), mid],
    )


def compute(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the cycle's rollup computed afresh from the feedback (one scan, nothing stored)."""
    cur = store.cursor()
    try:
        mid = _one(cur, _SPAN, {"cycle": cycle_id})
        sql = _WITH_STAGE.format(cells=_CELLS.format(only=""))
        return cur.execute(sql, {"cycle": cycle_id, "mid": mid}).df()
    finally:
        cur.close()


def stored(store: Store, cycle_id: int) -> pd.DataFrame | None:
    """Return the cycle's stored rollup with stages, or None when it is missing or stale."""
    cur = store.cursor()
    try:
        cur.begin()  # one snapshot for the stamp check and the rows
        if _fresh_state(cur, cycle_id) is None:
            return None
        return cur.execute(_WITH_STAGE.format(cells=_STORED), {"cycle": cycle_id}).df()
    finally:
        cur.rollback()
        cur.close()


def rollup(store: Store, cycle_id: int) -> pd.DataFrame:
    """Return the cycle's kept items counted per touchpoint, stage, category, month and period.

    Reads the stored rollup when its stamp matches the data. When it is missing or stale, an
    actor who may write rebuilds and stores it once (a derived table, so not audited); anyone
    else gets a fresh computation.
    """
    found = stored(store, cycle_id)
    if found is not None:
        return found
    if store.read_only or not current_actor().may(Role.EDITOR):
        return compute(store, cycle_id)
    with store.transaction(Role.EDITOR, audit=False) as tx:
        _build(tx, cycle_id)
    found = stored(store, cycle_id)
    return found if found is not None else compute(store, cycle_id)
