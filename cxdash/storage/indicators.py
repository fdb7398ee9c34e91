"""Indicators of the 3K tree, the links between them and their periodic values."""

from __future__ import annotations

import pandas as pd

from cxdash.errors import InvalidInput, NotFound
from cxdash.indicators import Indicator, validate_indicator, validate_link
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.db import Store
from cxdash.storage.survey_responses import survey_answers
from cxdash.storage.surveys import survey_questions
from cxdash.survey_kpis import VALUE_COLUMNS, merge_indicators, merge_values, survey_indicators

_FIELDS = ("key", "name", "kind", "unit", "direction", "target", "threshold")


def save_indicator(store: Store, indicator: Indicator) -> None:
    """Create or update one indicator."""
    ind = validate_indicator(indicator)
    values = [getattr(ind, f) for f in _FIELDS]
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO indicators (key, name, kind, unit, direction, target, threshold)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
            " kind = excluded.kind, unit = excluded.unit, direction = excluded.direction,"
            " target = excluded.target, threshold = excluded.threshold",
            values,
        )


def list_indicators(store: Store) -> list[Indicator]:
    """Return every indicator, KPIs first, then by key."""
    rows = store.rows(
        "SELECT key, name, kind, unit, direction, target, threshold FROM indicators"
        " ORDER BY CASE kind WHEN 'KPI' THEN 0 WHEN 'KCI' THEN 1 ELSE 2 END, key"
    )
    return [Indicator(*row) for row in rows]


def get_indicator(store: Store, key: str) -> Indicator:
    """Return one indicator (stored or computed from surveys); raise NotFound when unknown."""
    found = {i.key: i for i in tree_inputs(store)[0]}
    if key not in found:
        raise NotFound("quality.ind_not_found", indicator=key)
    return found[key]


def delete_indicator(store: Store, key: str) -> None:
    """Delete an indicator with its links and values."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM indicator_links WHERE kpi_key = ? OR driver_key = ?", [key, key])
        tx.execute("DELETE FROM indicator_values WHERE indicator_key = ?", [key])
        tx.execute("DELETE FROM indicators WHERE key = ?", [key])


def add_link(store: Store, kpi_key: str, driver_key: str) -> None:
    """Link a KCI or KQI to the KPI it should drive (idempotent)."""
    pair = validate_link(get_indicator(store, kpi_key), get_indicator(store, driver_key))
    with store.transaction() as tx:
        tx.execute(
            "INSERT OR IGNORE INTO indicator_links (kpi_key, driver_key) VALUES (?, ?)", pair
        )


def remove_link(store: Store, kpi_key: str, driver_key: str) -> None:
    """Remove one link."""
    with store.transaction() as tx:
        tx.execute(
            "DELETE FROM indicator_links WHERE kpi_key = ? AND driver_key = ?",
            [kpi_key, driver_key],
        )


def list_links(store: Store) -> pd.DataFrame:
    """Return every link as (kpi_key, driver_key)."""
    return store.df("SELECT kpi_key, driver_key FROM indicator_links ORDER BY kpi_key, driver_key")


def save_values(store: Store, values: pd.DataFrame, source: str) -> int:
    """Write periodic values (indicator, period, segment, value) atomically; return the count."""
    frame = values.rename(columns={"indicator": "indicator_key"}).copy()
    if "segment" not in frame:
        frame["segment"] = "all"
    frame["segment"] = frame["segment"].fillna("all").astype(str)
    known = {i.key for i in list_indicators(store)}
    unknown = sorted(set(frame["indicator_key"]) - known)
    if unknown:
        raise InvalidInput("quality.values_unknown_indicator", keys=", ".join(unknown[:10]))
    frame["source"] = source
    frame = frame.drop_duplicates(["indicator_key", "period", "segment"], keep="last")
    cols = ["indicator_key", "period", "segment", "value", "source"]
    with store.transaction() as tx:
        tx.register("incoming_values", frame[cols])
        tx.execute(
            f"INSERT OR REPLACE INTO indicator_values ({', '.join(cols)}) "
            f"SELECT {', '.join(cols)} FROM incoming_values"
        )
        tx.unregister("incoming_values")
    return len(frame)


def load_values(store: Store, keys: list[str] | None = None) -> pd.DataFrame:
    """Return the periodic values (of some indicators, or all) ordered by period."""
    where, params = ("WHERE indicator_key IN (SELECT unnest(?))", [keys]) if keys else ("", [])
    return store.df(
        "SELECT indicator_key, period, segment, value FROM indicator_values "
        f"{where} ORDER BY indicator_key, segment, period",
        params,
    )


def survey_derived(
    store: Store, cycle_id: int | None = None
) -> tuple[list[Indicator], pd.DataFrame]:
    """Return the KQI indicators and monthly values computed from a cycle's surveys (current)."""
    cycle = current_cycle_id(store) if cycle_id is None else cycle_id
    inds: list[Indicator] = []
    parts = [pd.DataFrame(columns=VALUE_COLUMNS)]
    for survey_id, name in store.rows(
        "SELECT id, name FROM surveys WHERE cycle_id = ? ORDER BY id", [cycle]
    ):
        found, values = survey_indicators(
            int(survey_id),
            str(name),
            survey_questions(store, survey_id),
            survey_answers(store, survey_id),
        )
        inds += found
        parts.append(values)
    return inds, pd.concat(parts, ignore_index=True)


def tree_inputs(store: Store) -> tuple[list[Indicator], pd.DataFrame]:
    """Return every indicator (stored, then survey-computed) and all their periodic values."""
    derived, derived_values = survey_derived(store)
    return (
        merge_indicators(list_indicators(store), derived),
        merge_values(load_values(store), derived_values),
    )
