"""Item lists of the journey pages: quotes, a heatmap cell's items, texts and event paths.

Quotes and cell items are the newest items of a slice, negatives first. Rather than label and
sort every item of the cycle, they are looked for among the items since a start date: the
rollup counts the slice's negatives and other items per month, which tells from which month on
the slice surely holds as many as the list needs, and a narrower first guess at the pace of
those months. A window that holds enough (counted in the same query) gives the exact answer.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pandas as pd

from cxdash.storage.db import Store
from cxdash.storage.journey_labels import LABELLED, labelled
from cxdash.storage.journey_rollup import rollup

_COLUMNS = ["id", "received_at", "touchpoint", "category", "sentiment", "rating", "text"]
_NEWEST = """WITH {labelled}, hits AS (
    SELECT l.id, l.received_at, l.touchpoint, l.category, l.sentiment, l.rating, l.text,
        coalesce(l.sentiment = 'negative', false) AS neg
    FROM labelled l LEFT JOIN touchpoints tp ON tp.key = l.touchpoint WHERE {where}
), counted AS (SELECT count(*) FILTER (neg) AS negatives, count(*) AS found FROM hits)
SELECT c.negatives, c.found, h.* FROM counted c LEFT JOIN (
    SELECT * FROM hits ORDER BY neg DESC, received_at DESC, id LIMIT {limit}) h ON true
ORDER BY h.neg DESC, h.received_at DESC, h.id"""
_ITEM_DIMENSIONS = {"touchpoint": "l.touchpoint", "stage": "coalesce(tp.stage, 'other')"}


def _rows(store: Store, sql: str, params: dict[str, Any]) -> pd.DataFrame:
    """Return the rows of a per-item query over the labelled items (values bound)."""
    return store.df(f"WITH {LABELLED} {sql}", params)


def _windows(totals: pd.DataFrame, limit: int, newest: Any) -> list[Any]:
    """Return the start dates to try, narrowest first: a guess, then a month that surely holds.

    totals are the slice's rollup rows. The list needs min(limit, negatives) negatives and,
    when they fall short of limit, other items; the month is the latest whose items from then
    on hold that many. The guess covers twice what is needed at the pace of those months.
    """
    negatives, volume = int(totals["negative"].sum()), int(totals["volume"].sum())
    need_neg = min(limit, negatives)
    need_other = min(limit - need_neg, volume - negatives)
    if newest is None:
        return []
    if need_neg + need_other == 0:
        return [newest]
    months = totals.groupby("month")[["negative", "volume"]].sum().sort_index(ascending=False)
    held = months.cumsum().assign(other=lambda m: m["volume"] - m["negative"])
    enough = held[(held["negative"] >= need_neg) & (held["other"] >= need_other)]
    if enough.empty:
        return []
    month = enough.index[0]
    pace = min(
        held.at[month, "negative"] / need_neg if need_neg else math.inf,
        held.at[month, "other"] / need_other if need_other else math.inf,
    )
    guess = newest - timedelta(days=math.ceil(2 * max(1, (newest - month).days) / pace))
    return [guess, month] if guess > month else [month]


def _newest_first(
    store: Store, where: str, params: dict[str, Any], limit: int, totals: pd.DataFrame
) -> pd.DataFrame:
    """Return the slice's newest items, negatives first, reading only as far back as needed.

    A window is enough when it holds as many negatives and other items as the list needs
    (counted in the same query); the last try is the whole cycle.
    """
    limit = max(0, int(limit))
    negatives = int(totals["negative"].sum())
    need_neg = min(limit, negatives)
    need_other = min(limit - need_neg, int(totals["volume"].sum()) - negatives)
    newest = store.scalar("SELECT max(received_at) FROM feedback")
    for since in [*_windows(totals, limit, newest), None]:
        cut = "AND f.received_at >= $since" if since is not None else ""
        sql = _NEWEST.format(labelled=labelled(cut), where=where, limit=limit)
        found = store.df(sql, {**params, **({"since": since} if cut else {})})
        got_neg, got = (int(found[c].iloc[0]) if len(found) else 0 for c in ("negatives", "found"))
        if (got_neg >= need_neg and got - got_neg >= need_other) or since is None:
            kept = found.dropna(subset=["id"])[_COLUMNS].astype({"id": "int64"})
            return kept.reset_index(drop=True)
    raise AssertionError("unreachable: the last try is the whole cycle")


def quotes(
    store: Store,
    cycle_id: int,
    *,
    touchpoint: str | None = None,
    category: str | None = None,
    limit: int = 3,
    rolled: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the most recent negative-first quotes of a touchpoint and/or category.

    rolled is the cycle's rollup when the caller already holds it.
    """
    rolled = rollup(store, cycle_id) if rolled is None else rolled
    keep = pd.Series(True, index=rolled.index)
    if touchpoint is not None:
        keep &= rolled["touchpoint"] == touchpoint
    if category is not None:
        keep &= rolled["category"] == category
    where = "($tp IS NULL OR l.touchpoint = $tp) AND ($cat IS NULL OR l.category = $cat)"
    params = {"cycle": cycle_id, "tp": touchpoint, "cat": category}
    return _newest_first(store, where, params, limit, rolled[keep])


def cell_items(
    store: Store,
    cycle_id: int,
    by: str,
    row: str,
    category: str,
    limit: int = 200,
    rolled: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the items of one heatmap cell (row: touchpoint or stage), negatives, newest first."""
    rolled = rollup(store, cycle_id) if rolled is None else rolled
    where = f"{_ITEM_DIMENSIONS[by]} = $row AND l.category = $cat"
    params = {"cycle": cycle_id, "row": row, "cat": category}
    totals = rolled[(rolled[by] == row) & (rolled["category"] == category)]
    return _newest_first(store, where, params, limit, totals)


def touchpoint_texts(
    store: Store, cycle_id: int, touchpoint: str, limit: int = 3000
) -> pd.DataFrame:
    """Return a deterministic sample of one touchpoint's negative and neutral texts."""
    return _rows(
        store,
        "SELECT id, text, category, sentiment FROM labelled"
        " WHERE touchpoint = $tp AND coalesce(sentiment, '') <> 'positive'"
        " ORDER BY hash(id) LIMIT $lim",
        {"cycle": cycle_id, "tp": touchpoint, "lim": int(limit)},
    )


def event_paths(store: Store, cycle_id: int, category: str) -> pd.DataFrame:
    """Return, per touchpoint, how many reporters of a category used it and its mean step rank.

    Follows each customer who reported the category through their items in time order; a
    touchpoint's rank is the order of its first appearance in that customer's path.
    """
    return _rows(
        store,
        ", reporters AS (SELECT DISTINCT customer_id FROM labelled"
        " WHERE category = $cat AND customer_id IS NOT NULL),"
        " firsts AS (SELECT l.customer_id, l.touchpoint, min(l.received_at) AS first_at,"
        " bool_or(coalesce(l.category = $cat, false)) AS raised"
        " FROM labelled l JOIN reporters r USING (customer_id) GROUP BY ALL),"
        " ranked AS (SELECT *, row_number() OVER (PARTITION BY customer_id"
        " ORDER BY first_at, touchpoint) AS step FROM firsts)"
        " SELECT touchpoint, count(*) AS customers, avg(step) AS mean_step,"
        " count(*) FILTER (raised) AS complained FROM ranked"
        " GROUP BY touchpoint ORDER BY mean_step",
        {"cycle": cycle_id, "cat": category},
    )
