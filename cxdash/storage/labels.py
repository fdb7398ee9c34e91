"""Derived labels of feedback items: category, kind, sentiment and touchpoint with their origins.

A person's label (origin `human`, or `cluster` when a person mapped the item's cluster) is never
overwritten by a machine: every machine write carries the guard in its SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cxdash.errors import InvalidInput
from cxdash.storage.db import Store
from cxdash.storage.journey_rollup import maintained

FACETS: dict[str, tuple[str, ...]] = {
    "category": ("category", "category_origin", "category_conf", "taxonomy_version"),
    "kind": ("kind", "kind_origin", "kind_conf"),
    "sentiment": ("sentiment", "sentiment_origin", "sentiment_score"),
    "touchpoint": ("touchpoint", "touchpoint_origin", "touchpoint_conf"),
}
PERSON_ORIGINS = ("human", "cluster")
_ITEM_COLUMNS = (
    "f.id AS feedback_id, f.text, f.subject, f.rating, f.rating_max, f.channel, f.product,"
    " f.received_at, f.category AS imported_category, f.kind AS imported_kind"
)


def load_items(store: Store, batch_id: int | None = None) -> pd.DataFrame:
    """Return the items to classify (all, or one batch's) with their imported labels."""
    where, params = ("WHERE f.batch_id = ?", [batch_id]) if batch_id is not None else ("", [])
    return store.df(f"SELECT {_ITEM_COLUMNS} FROM feedback f {where} ORDER BY f.id", params)


def _guarded(column: str, origin: str, protected: Sequence[str]) -> str:
    kept = ", ".join(f"'{o}'" for o in protected)
    return (
        f"{column} = CASE WHEN item_labels.{origin} IN ({kept})"
        f" THEN item_labels.{column} ELSE excluded.{column} END"
    )


def write_machine_labels(store: Store, labels: pd.DataFrame) -> int:
    """Upsert machine labels for the facets given, never over a person's; return the row count."""
    facets = [f for f in FACETS if f in labels.columns]
    columns = [c for f in facets for c in FACETS[f]]
    frame = labels.reindex(columns=["feedback_id", *columns])
    protected: dict[str, Sequence[str]] = {f: PERSON_ORIGINS for f in FACETS}
    protected["sentiment"] = ("human",)
    sets = [_guarded(c, FACETS[f][1], protected[f]) for f in facets for c in FACETS[f]]
    names = ", ".join(["feedback_id", *columns])
    with store.transaction() as tx:
        tx.register("incoming_labels", frame)
        with maintained(tx, "incoming_labels"):
            tx.execute(
                f"INSERT INTO item_labels ({names}) SELECT {names} FROM incoming_labels"
                f" ON CONFLICT (feedback_id) DO UPDATE SET {', '.join(sets)},"
                " labelled_at = now()::TIMESTAMP"
            )
        tx.unregister("incoming_labels")
    return len(frame)


def set_person_label(
    store: Store,
    feedback_ids: Sequence[int],
    facet: str,
    value: str,
    origin: str = "human",
    version: int | None = None,
) -> int:
    """Give items a person's label for one facet (cluster never replaces human); return rows."""
    if facet not in FACETS or origin not in PERSON_ORIGINS:
        raise InvalidInput("classify.unknown_facet", facet=facet)
    value_col, origin_col, conf_col = FACETS[facet][:3]
    keep = "('human')" if origin == "cluster" else "('__none__')"
    extra = ", taxonomy_version" if facet == "category" else ""
    frame = pd.DataFrame({"feedback_id": list(feedback_ids)})
    with store.transaction() as tx:
        tx.register("person_ids", frame)
        with maintained(tx, "person_ids"):
            tx.execute(
                f"INSERT INTO item_labels (feedback_id, {value_col}, {origin_col}, {conf_col}"
                f"{extra}) SELECT feedback_id, ?, ?, 1.0{', ?' if extra else ''} FROM person_ids"
                f" ON CONFLICT (feedback_id) DO UPDATE SET"
                f" {value_col} = CASE WHEN item_labels.{origin_col} IN {keep}"
                f" THEN item_labels.{value_col} ELSE excluded.{value_col} END,"
                f" {conf_col} = CASE WHEN item_labels.{origin_col} IN {keep}"
                f" THEN item_labels.{conf_col} ELSE 1.0 END,"
                f" {origin_col} = CASE WHEN item_labels.{origin_col} IN {keep}"
                f" THEN item_labels.{origin_col} ELSE excluded.{origin_col} END,"
                " labelled_at = now()::TIMESTAMP"
                + (", taxonomy_version = excluded.taxonomy_version" if extra else ""),
                [value, origin, version] if extra else [value, origin],
            )
        tx.unregister("person_ids")
    return len(frame)


def person_labels(store: Store, facet: str = "category") -> pd.DataFrame:
    """Return the items a person labelled for a facet: id, text and the label."""
    if facet not in FACETS:
        raise InvalidInput("classify.unknown_facet", facet=facet)
    value_col, origin_col = FACETS[facet][:2]
    return store.df(
        f"SELECT l.feedback_id, f.text, l.{value_col} AS label, l.{origin_col} AS origin"
        f" FROM item_labels l JOIN feedback f ON f.id = l.feedback_id"
        f" WHERE l.{origin_col} IN ('human', 'cluster') ORDER BY l.feedback_id"
    )


def labels_of(store: Store, feedback_ids: Sequence[int]) -> pd.DataFrame:
    """Return the stored labels of the given items."""
    frame = pd.DataFrame({"feedback_id": list(feedback_ids)})
    cur = store.cursor()
    try:
        cur.register("wanted_ids", frame)
        return cur.execute(
            "SELECT l.* FROM item_labels l JOIN wanted_ids w USING (feedback_id)"
            " ORDER BY l.feedback_id"
        ).df()
    finally:
        cur.close()


def review_queue(store: Store, limit: int = 20, category: str | None = None) -> pd.DataFrame:
    """Return machine-labelled items, least confident first: the active-learning queue."""
    where = "AND l.category = ?" if category else ""
    params: list[object] = [category] if category else []
    return store.df(
        "SELECT l.feedback_id, f.subject, f.text, l.category, l.category_origin, l.category_conf,"
        " l.kind, l.sentiment, l.touchpoint"
        " FROM item_labels l JOIN feedback f ON f.id = l.feedback_id"
        f" WHERE l.category_origin IN ('model', 'rule') {where}"
        " ORDER BY l.category_conf, l.feedback_id LIMIT ?",
        [*params, int(limit)],
    )


def label_summary(store: Store) -> pd.DataFrame:
    """Return how many items carry each category origin (rule, model, human, cluster, none)."""
    return store.df(
        "SELECT coalesce(l.category_origin, 'none') AS origin, count(*) AS items"
        " FROM feedback f LEFT JOIN item_labels l ON l.feedback_id = f.id"
        " GROUP BY 1 ORDER BY 2 DESC"
    )


def items_with_labels(store: Store, category: str | None = None, limit: int = 50) -> pd.DataFrame:
    """Return a page of items with every label, its origin and confidence (one category or all)."""
    where = "WHERE l.category = ?" if category else ""
    params: list[object] = [category] if category else []
    return store.df(
        "SELECT f.id AS feedback_id, f.received_at, f.channel, f.subject, f.text, l.category,"
        " l.category_origin, l.category_conf, l.kind, l.kind_origin, l.kind_conf, l.sentiment,"
        " l.sentiment_origin, l.sentiment_score, l.touchpoint, l.touchpoint_origin,"
        " l.touchpoint_conf, l.taxonomy_version FROM feedback f"
        f" JOIN item_labels l ON l.feedback_id = f.id {where} ORDER BY f.id LIMIT ?",
        [*params, int(limit)],
    )


DIMENSIONS = {
    "month": "strftime(f.received_at, '%Y-%m')",
    "product": "f.product",
    "touchpoint": "l.touchpoint",
    "segment": "f.segment",
    "channel": "f.channel",
    "region": "f.region",
}


def pivot_counts(store: Store, dimension: str) -> pd.DataFrame:
    """Return items and negative items per category × value of a whitelisted dimension."""
    if dimension not in DIMENSIONS:
        raise InvalidInput("classify.unknown_dimension", dimension=dimension)
    return store.df(
        f"SELECT l.category, coalesce(CAST({DIMENSIONS[dimension]} AS VARCHAR), '-') AS value,"
        " count(*) AS items, count(*) FILTER (WHERE l.sentiment = 'negative') AS negative"
        " FROM feedback f JOIN item_labels l ON l.feedback_id = f.id"
        " WHERE l.category IS NOT NULL GROUP BY ALL ORDER BY 1, 2"
    )


def monthly_counts(store: Store) -> pd.DataFrame:
    """Return items per category and month, with every month's total of labelled items."""
    return store.df(
        "WITH cells AS (SELECT l.category, strftime(f.received_at, '%Y-%m') AS month,"
        " count(*) AS items FROM feedback f JOIN item_labels l ON l.feedback_id = f.id"
        " WHERE l.category IS NOT NULL AND f.received_at IS NOT NULL GROUP BY 1, 2)"
        " SELECT *, sum(items) OVER (PARTITION BY month) AS month_total FROM cells ORDER BY 2, 1"
    )


def drill_items(
    store: Store, category: str, dimension: str, value: str, limit: int = 100
) -> pd.DataFrame:
    """Return the items of one pivot cell (category × dimension value) with their labels."""
    if dimension not in DIMENSIONS:
        raise InvalidInput("classify.unknown_dimension", dimension=dimension)
    return store.df(
        "SELECT f.id AS feedback_id, f.received_at, f.channel, f.subject, f.text, l.sentiment,"
        " l.kind,"
        " l.category_origin FROM feedback f JOIN item_labels l ON l.feedback_id = f.id"
        f" WHERE l.category = ? AND coalesce(CAST({DIMENSIONS[dimension]} AS VARCHAR), '-') = ?"
        " ORDER BY f.received_at DESC, f.id LIMIT ?",
        [category, value, int(limit)],
    )
