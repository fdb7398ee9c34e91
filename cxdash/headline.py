"""Headline KPI tiles for the Overview: the latest weeks against the weeks before, with CIs.

A tile takes weekly totals of any metric (sum of values k, of squares k2, count n), so survey
NPS/CSAT/CES and service indicators give tiles the same way feedback metrics do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from cxdash import metrics, stats


@dataclass(frozen=True)
class KpiTile:
    """One tile: the current value with its 95% CI, the previous value, and a weekly trend."""

    kind: str
    value: float
    low: float
    high: float
    n: int
    previous: float
    trend: tuple[float, ...]


def window_estimate(k: float, k2: float, n: float, kind: str, days: float) -> stats.Estimate:
    """Return a window's estimate and 95% CI from its totals (Wilson, Poisson or normal-mean)."""
    if n <= 0:
        return stats.Estimate(math.nan, math.nan, math.nan, 0)
    if kind == "share":
        return stats.wilson_share(round(k), int(n))
    if kind == "rate":
        half = stats.Z95 * math.sqrt(k) / days
        return stats.Estimate(k / days, max(k / days - half, 0.0), k / days + half, int(n))
    mean = k / n
    var = max(k2 / n - mean * mean, 0.0) * n / max(n - 1, 1)
    half = stats.Z95 * math.sqrt(var / n)
    return stats.Estimate(mean, mean - half, mean + half, int(n))


def _value(frame: pd.DataFrame, kind: str) -> stats.Estimate:
    k, k2, n = (float(frame[c].sum()) for c in ("k", "k2", "n"))
    return window_estimate(k, k2, n, kind, 7.0 * max(len(frame), 1))


def kpi_tile(weekly: pd.DataFrame, kind: str, weeks: int = 4, scale: float = 1.0) -> KpiTile | None:
    """Return the tile of the last `weeks` full weeks against the `weeks` before (None if empty)."""
    if weekly.empty:
        return None
    frame = weekly.sort_values("period").iloc[:-1] if len(weekly) > weeks else weekly
    now, before = frame.tail(weeks), frame.iloc[:-weeks].tail(weeks)
    current, previous = _value(now, kind), _value(before, kind)
    per_week = [
        _value(frame.iloc[[i]], kind).value * scale
        for i in range(max(len(frame) - 26, 0), len(frame))
    ]
    return KpiTile(
        kind, current.value * scale, current.low * scale, current.high * scale, current.n,
        previous.value * scale, tuple(per_week),
    )  # fmt: skip


SURVEY_METRICS = ("nps", "csat", "ces")


def survey_scores(answers: pd.DataFrame) -> dict[str, metrics.Score]:
    """Return NPS, CSAT and CES with their 95% CIs from answers (metric, value) of one cycle.

    The intervals are those of ``cxdash.metrics``: NPS ± 1.96·100·√((P+D−(P−D)²)/n), CSAT
    top-2-box with a Wilson interval (Wilson 1927), CES mean with a Student t interval.
    """
    return {
        name: metrics.score(name, answers.loc[answers["metric"] == name, "value"])
        for name in SURVEY_METRICS
    }
