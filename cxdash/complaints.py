"""The complaint funnel, end to end: prevention → intake → processing → root cause → rectification.

Works on a ticket frame (one row per ticket, columns as in the `tickets` table). Times are in
hours. A ticket is resolved when it has a resolution time, traced when a root cause is recorded,
and rectified when the rectification is done; proactive tickets were opened before the customer
complained (prevention).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

STAGES = ("prevention", "intake", "processing", "root_cause", "rectification")
FUNNEL_STAGES = ("intake", "responded", "resolved", "root_cause", "rectified")
DIMENSIONS = ("category", "region", "channel")
OPEN_STATUSES = ("open", "in_progress", "reopened", "pending")
SLOW_HOURS = 72.0
STUCK_DAYS = 7.0


def _hours(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (pd.to_datetime(later) - pd.to_datetime(earlier)).dt.total_seconds() / 3600.0


def with_durations(tickets: pd.DataFrame) -> pd.DataFrame:
    """Return the tickets with response and resolution hours and the stage flags added."""
    out = tickets.copy()
    out["response_hours"] = _hours(out["first_response_at"], out["opened_at"])
    out["resolution_hours"] = _hours(out["resolved_at"], out["opened_at"])
    out["responded"] = out["first_response_at"].notna()
    out["resolved"] = out["resolved_at"].notna()
    out["traced"] = out["root_cause"].fillna("").astype(str).str.strip() != ""
    out["rectified"] = out["rectified_at"].notna()
    out["proactive"] = out["origin"].fillna("complaint") == "proactive"
    contacts = pd.to_numeric(out["contacts"], errors="coerce").fillna(1)
    reopened = pd.to_numeric(out["reopened"], errors="coerce").fillna(0)
    out["reopened_flag"] = reopened > 0
    out["first_contact"] = out["resolved"] & (contacts <= 1) & ~out["reopened_flag"]
    return out


def _share(part: pd.Series, whole: pd.Series) -> float:
    total = int(whole.sum())
    return float((part & whole).sum() / total) if total else float("nan")


@dataclass(frozen=True)
class StageMetrics:
    """The funnel's headline figures; shares are 0–1, times in hours (NaN when undefined)."""

    tickets: int
    prevention_share: float
    response_median: float
    response_p90: float
    resolution_median: float
    resolution_p90: float
    first_contact_resolution: float
    reopen_rate: float
    root_cause_coverage: float
    rectification_completion: float


def stage_metrics(tickets: pd.DataFrame) -> StageMetrics:
    """Return the per-stage metrics of a ticket frame.

    FCR is the share of resolved tickets closed in one contact and never reopened; root-cause
    coverage is the share of all tickets with a recorded root cause (the method's "投诉溯源");
    rectification completion is the share of traced tickets whose fix is done.
    """
    t = with_durations(tickets)
    every = pd.Series(True, index=t.index)
    return StageMetrics(
        tickets=len(t),
        prevention_share=_share(t["proactive"], every),
        response_median=float(t["response_hours"].median()),
        response_p90=float(t["response_hours"].quantile(0.9)),
        resolution_median=float(t["resolution_hours"].median()),
        resolution_p90=float(t["resolution_hours"].quantile(0.9)),
        first_contact_resolution=_share(t["first_contact"], t["resolved"]),
        reopen_rate=_share(t["reopened_flag"], t["resolved"]),
        root_cause_coverage=_share(t["traced"], every),
        rectification_completion=_share(t["rectified"], t["traced"]),
    )


def funnel_counts(tickets: pd.DataFrame) -> pd.DataFrame:
    """Return how many tickets reached each funnel stage, with the share of intake."""
    t = with_durations(tickets)
    counts = [
        len(t),
        int(t["responded"].sum()),
        int(t["resolved"].sum()),
        int((t["resolved"] & t["traced"]).sum()),
        int((t["resolved"] & t["traced"] & t["rectified"]).sum()),
    ]
    frame = pd.DataFrame({"stage": FUNNEL_STAGES, "tickets": counts})
    frame["share"] = frame["tickets"] / counts[0] if counts[0] else 0.0
    return frame


def funnel_by(tickets: pd.DataFrame, dimension: str, top: int = 6) -> pd.DataFrame:
    """Return funnel counts per value of a dimension (the `top` largest values), long format."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    groups = tickets[dimension].fillna("unknown").astype(str)
    largest = groups.value_counts().head(top).index
    parts = []
    for value in largest:
        part = funnel_counts(tickets[groups == value])
        part.insert(0, dimension, value)
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def metrics_by(tickets: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Return the stage metrics per value of a dimension, largest groups first."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    groups = tickets[dimension].fillna("unknown").astype(str)
    rows = [
        {dimension: value, **stage_metrics(tickets[groups == value]).__dict__}
        for value in groups.value_counts().index
    ]
    return pd.DataFrame(rows)


def slow_and_stuck(
    tickets: pd.DataFrame,
    slow_hours: float = SLOW_HOURS,
    stuck_days: float = STUCK_DAYS,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Return slow tickets (resolved after slow_hours) and stuck ones (open over stuck_days).

    `as_of` defaults to the latest timestamp in the data, so the list does not drift with the
    clock; the result is ordered worst first and says which of the two each ticket is.
    """
    t = with_durations(tickets)
    stamps = pd.concat([pd.to_datetime(t["opened_at"]), pd.to_datetime(t["resolved_at"])])
    now = as_of if as_of is not None else stamps.max()
    age = (now - pd.to_datetime(t["opened_at"])).dt.total_seconds() / 3600.0
    slow = t["resolved"] & (t["resolution_hours"] > slow_hours)
    stuck = ~t["resolved"] & (age > stuck_days * 24)
    out = t[slow | stuck].copy()
    out["problem"] = ["stuck" if s else "slow" for s in stuck[slow | stuck]]
    out["hours"] = out["resolution_hours"].where(out["resolved"], age[slow | stuck])
    cols = ["ticket_id", "problem", "hours", "status", "category", "region", "channel", "opened_at"]
    return out.sort_values("hours", ascending=False)[cols].reset_index(drop=True)
