"""Evidence from the feedback table: counts, shares, a monthly series and quotes for a filter."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd

from cxdash.errors import InvalidInput
from cxdash.storage.db import Store

FILTER_COLUMNS = {
    "category": "category",
    "region": "region",
    "product": "product",
    "channel": "channel",
    "segment": "segment",
    "kind": "kind",
}
QUOTES = 3
KINDS = ("problem", "need", "praise", "other")


def _where(reference: dict[str, Any]) -> tuple[str, list[Any]]:
    """Return the SQL condition and parameters of a feedback filter (dimensions and text terms)."""
    clauses: list[str] = []
    params: list[Any] = []
    for key, column in FILTER_COLUMNS.items():
        if reference.get(key):
            clauses.append(f"{column} = ?")
            params.append(str(reference[key]))
    terms = [str(t).strip() for t in reference.get("terms", []) if str(t).strip()]
    if terms:
        # One case-insensitive RE2 alternation scans far faster than OR-ed ILIKEs (bench/solutions).
        clauses.append("regexp_matches(text, ?)")
        params.append("(?i)" + "|".join(re.escape(t) for t in terms))
    return (" AND ".join(clauses) or "TRUE"), params


def _period(reference: dict[str, Any]) -> tuple[str, list[Any]]:
    start, end = reference.get("start"), reference.get("end")
    if not start or not end or str(start) > str(end):
        raise InvalidInput("solutions.error.period", start=str(start), end=str(end))
    return "received_at >= CAST(? AS DATE) AND received_at < CAST(? AS DATE) + 1", [start, end]


def feedback_numbers(store: Store, reference: dict[str, Any]) -> dict[str, Any]:
    """Return matched items, all items and the share in the period, plus the monthly counts."""
    where, params = _where(reference)
    period, span = _period(reference)
    matched, total = store.rows(
        f"SELECT count(*) FILTER (WHERE {where}), count(*) FROM feedback WHERE {period}",
        [*params, *span],
    )[0]
    months = store.rows(
        f"SELECT strftime(received_at, '%Y-%m') AS month, count(*) FROM feedback"
        f" WHERE {where} AND received_at IS NOT NULL GROUP BY month ORDER BY month",
        params,
    )
    share = round(100.0 * matched / total, 1) if total else 0.0
    return {
        "matched": int(matched),
        "total": int(total),
        "share_pct": share,
        "monthly": {str(m): int(n) for m, n in months},
    }


def feedback_quotes(
    store: Store, reference: dict[str, Any], lang: str | None = None, limit: int = QUOTES
) -> list[str]:
    """Return up to limit distinct real texts matching the filter, in lang first, longest first."""
    where, params = _where(reference)
    period, span = _period(reference)
    rows = store.rows(
        f"SELECT text FROM feedback WHERE {where} AND {period} GROUP BY text"
        " ORDER BY bool_or(lang IS NOT DISTINCT FROM ?) DESC, length(text) DESC, text LIMIT ?",
        [*params, *span, lang, limit],
    )
    return [str(r[0]) for r in rows]


def feedback_evidence(
    store: Store, label: str, reference: dict[str, Any], lang: str | None = None
) -> dict[str, Any]:
    """Return an evidence record (kind, label, numbers, reference, quotes) for a feedback filter."""
    if not label.strip():
        raise InvalidInput("solutions.error.evidence_label")
    clean = {k: v for k, v in reference.items() if v not in (None, "", [])}
    return {
        "kind": "feedback_query",
        "label": label.strip(),
        "numbers": feedback_numbers(store, clean),
        "reference": clean,
        "quotes": feedback_quotes(store, clean, lang),
    }


def feedback_span(store: Store) -> tuple[date | None, date | None]:
    """Return the first and last day of received feedback (None when there is none)."""
    first, last = store.rows("SELECT min(received_at)::DATE, max(received_at)::DATE FROM feedback")[
        0
    ]
    return first, last


def dimension_values(store: Store, dimension: str) -> list[str]:
    """Return the distinct values of a whitelisted feedback dimension, sorted."""
    column = FILTER_COLUMNS.get(dimension)
    if column is None:
        raise InvalidInput("solutions.error.dimension", dimension=dimension)
    rows = store.rows(
        f"SELECT DISTINCT {column} FROM feedback WHERE {column} IS NOT NULL ORDER BY 1"
    )
    return [str(r[0]) for r in rows]


def summary_counts(store: Store, dimension: str, start: str, end: str) -> pd.DataFrame:
    """Return per value of a dimension: items, ratings, rating sum and counts by feedback kind."""
    column = FILTER_COLUMNS.get(dimension)
    if column is None:
        raise InvalidInput("solutions.error.dimension", dimension=dimension)
    period, span = _period({"start": start, "end": end})
    kinds = ", ".join(f"count(*) FILTER (WHERE kind = '{k}') AS {k}" for k in KINDS)
    return store.df(
        f"SELECT coalesce({column}, '—') AS value, count(*) AS items, count(rating) AS rated,"
        f" coalesce(sum(rating / nullif(rating_max, 0) * 5), 0) AS rating_sum, {kinds},"
        f" count(*) FILTER (WHERE kind IS NULL) AS unlabelled"
        f" FROM feedback WHERE {period} GROUP BY 1 ORDER BY items DESC, value",
        span,
    )


def labelled_numbers(
    store: Store, cycle_id: int, touchpoint: str | None = None, category: str | None = None
) -> dict[str, Any]:
    """Return matched, total, share, negative share and monthly counts of a cell of the cycle."""
    from cxdash.storage.journey_data import LABELLED

    params = {"cycle": cycle_id, "tp": touchpoint, "cat": category}
    cell = "($tp IS NULL OR touchpoint = $tp) AND ($cat IS NULL OR category = $cat)"
    matched, total, negative, judged = store.rows(
        f"WITH {LABELLED} SELECT count(*) FILTER ({cell}), count(*),"
        f" count(*) FILTER ({cell} AND sentiment = 'negative'),"
        f" count(sentiment) FILTER ({cell}) FROM labelled",
        params,
    )[0]
    months = store.rows(
        f"WITH {LABELLED} SELECT strftime(received_at, '%Y-%m') AS month, count(*) FROM labelled"
        f" WHERE {cell} AND received_at IS NOT NULL GROUP BY month ORDER BY month",
        params,
    )
    return {
        "matched": int(matched),
        "total": int(total),
        "share_pct": round(100.0 * matched / total, 1) if total else 0.0,
        "negative_pct": round(100.0 * negative / judged, 1) if judged else None,
        "monthly": {str(m): int(n) for m, n in months},
    }
