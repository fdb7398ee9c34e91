"""Survey scores with 95% confidence intervals: NPS, CSAT (top-2-box) and CES (mean).

NPS follows Reichheld (2003): P = share of 9–10, D = share of 0–6, NPS = 100·(P − D), passives stay
in the denominator. Its variance P + D − (P − D)² is the variance of the score +1/0/−1 per answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from cxdash.errors import InvalidInput

METRICS = ("nps", "csat", "ces")
SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Score:
    """One score with its 95% CI, n, and the shares it is built from."""

    metric: str
    value: float
    low: float
    high: float
    n: int
    mean: float
    share_high: float
    share_low: float


def _clean(values: object, metric: str) -> np.ndarray:
    """Return the numeric answers within the metric's scale, without missing values."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype="object")
    arr = pd.to_numeric(series, errors="coerce").to_numpy(float)
    lo, hi = SCALES[metric]
    arr = arr[~np.isnan(arr)]
    if ((arr < lo) | (arr > hi)).any():
        raise InvalidInput("metrics.out_of_scale", metric=metric.upper(), low=lo, high=hi)
    return arr


def score_nps(values: object) -> Score:
    """Return the NPS with its 95% CI 100·(P−D) ± 1.96·100·√((P+D−(P−D)²)/n), kept in ±100."""
    arr = _clean(values, "nps")
    n = len(arr)
    if n == 0:
        return _empty("nps")
    p = float((arr >= 9).mean())
    d = float((arr <= 6).mean())
    half = Z95 * 100 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n)
    nps = 100 * (p - d)
    low, high = max(nps - half, -100.0), min(nps + half, 100.0)
    return Score("nps", nps, low, high, n, float(arr.mean()), p, d)


def nps_standard_error(score: Score) -> float:
    """Return the standard error of an NPS in points: 100·√((P+D−(P−D)²)/n)."""
    p, d = score.share_high, score.share_low
    return 100 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / score.n) if score.n else math.nan


def score_csat(values: object) -> Score:
    """Return CSAT as the top-2-box share (4–5) in percent with a Wilson 95% CI (Wilson 1927)."""
    arr = _clean(values, "csat")
    n = len(arr)
    if n == 0:
        return _empty("csat")
    hits = int((arr >= 4).sum())
    low, high = proportion_confint(hits, n, alpha=0.05, method="wilson")
    share = hits / n
    return Score("csat", 100 * share, 100 * low, 100 * high, n, float(arr.mean()), share, 0.0)


def score_ces(values: object) -> Score:
    """Return CES as the mean (1–7) with a Student t 95% CI, plus the share of 5–7."""
    arr = _clean(values, "ces")
    n = len(arr)
    if n == 0:
        return _empty("ces")
    mean = float(arr.mean())
    sem = arr.std(ddof=1) / math.sqrt(n) if n > 1 else math.nan
    half = float(stats.t.ppf(0.975, n - 1) * sem) if n > 1 else math.nan
    share = float((arr >= 5).mean())
    return Score("ces", mean, mean - half, mean + half, n, mean, share, 0.0)


SCORERS = {"nps": score_nps, "csat": score_csat, "ces": score_ces}


def score(metric: str, values: object) -> Score:
    """Return the score of one metric (nps, csat or ces) for the answers given."""
    if metric not in SCORERS:
        raise InvalidInput("metrics.unknown", metric=metric)
    return SCORERS[metric](values)


def _empty(metric: str) -> Score:
    """Return the score of no answers: n 0 and no value."""
    return Score(metric, math.nan, math.nan, math.nan, 0, math.nan, math.nan, math.nan)


def score_table(frame: pd.DataFrame, metric: str, by: list[str], value_col: str) -> pd.DataFrame:
    """Return one scored row (value, low, high, n, mean, shares) per group of `by`."""
    columns = [*by, "value", "low", "high", "n", "mean", "share_high", "share_low"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for keys, group in frame.groupby(by, sort=True, dropna=False):
        found = score(metric, group[value_col])
        keys = keys if isinstance(keys, tuple) else (keys,)
        rows.append([*keys, *(getattr(found, f) for f in columns[len(by) :])])
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Comparison:
    """Two groups' scores compared: the difference, its test statistic and p-value."""

    difference: float
    statistic: float
    p_value: float
    test: str


def compare(metric: str, first: object, second: object) -> Comparison:
    """Return first − second tested: NPS z = Δ/√(SE₁²+SE₂²), CSAT two-proportion z, CES Welch t."""
    a, b = score(metric, first), score(metric, second)
    if a.n < 2 or b.n < 2:
        return Comparison(a.value - b.value, math.nan, math.nan, "none")
    if metric == "nps":
        se = math.hypot(nps_standard_error(a), nps_standard_error(b))
        z = (a.value - b.value) / se if se else math.nan
        return Comparison(a.value - b.value, z, float(2 * stats.norm.sf(abs(z))), "z")
    if metric == "csat":
        hits = [round(a.share_high * a.n), round(b.share_high * b.n)]
        z, p = proportions_ztest(hits, [a.n, b.n])
        return Comparison(a.value - b.value, float(z), float(p), "z")
    t, p = stats.ttest_ind(_clean(first, "ces"), _clean(second, "ces"), equal_var=False)
    return Comparison(a.value - b.value, float(t), float(p), "welch_t")


def compare_groups(
    frame: pd.DataFrame, metric: str, group_col: str, value_col: str
) -> pd.DataFrame:
    """Return each group against all the other answers: score, difference, statistic and p-value."""
    rows = []
    for name, group in frame.groupby(group_col, sort=True):
        rest = frame.loc[frame[group_col] != name, value_col]
        found = score(metric, group[value_col])
        test = compare(metric, group[value_col], rest)
        rows.append(
            [name, found.value, found.low, found.high, found.n, test.difference, test.p_value]
        )
    return pd.DataFrame(
        rows, columns=[group_col, "value", "low", "high", "n", "difference", "p_value"]
    )


def distribution(values: object, metric: str) -> pd.DataFrame:
    """Return the count and share of each scale point, including the points nobody chose."""
    arr = _clean(values, metric)
    lo, hi = SCALES[metric]
    counts = pd.Series(arr).value_counts().reindex(range(lo, hi + 1), fill_value=0)
    total = max(int(counts.sum()), 1)
    return pd.DataFrame(
        {"point": counts.index, "count": counts.to_numpy(), "share": counts.to_numpy() / total}
    )
