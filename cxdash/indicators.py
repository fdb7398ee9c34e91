"""The 3K indicator tree: KPI (satisfaction), KCI (process) and KQI (perceived quality).

Indicators carry a direction, a target and a threshold; KCIs and KQIs are linked to the KPIs they
should drive, and each link is analysed with a Spearman correlation, lagged correlations and a
log-log elasticity. These describe co-movement only: they do not prove that a driver causes the KPI.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from cxdash.errors import InvalidInput

if TYPE_CHECKING:
    from cxdash.storage import Store

KINDS = ("KPI", "KCI", "KQI")
DIRECTIONS = ("higher", "lower")
STATUSES = ("green", "amber", "red", "none")
KEY_PATTERN = r"^[a-z0-9_]{2,40}$"
MAX_LAG = 3


@dataclass(frozen=True)
class Indicator:
    """One indicator of the tree, with what "good" means for it."""

    key: str
    name: str
    kind: str
    unit: str = ""
    direction: str = "higher"
    target: float | None = None
    threshold: float | None = None


def validate_indicator(indicator: Indicator) -> Indicator:
    """Return the indicator when it is well formed; raise InvalidInput naming the flaw."""
    if not re.match(KEY_PATTERN, indicator.key):
        raise InvalidInput("quality.ind_bad_key", indicator=indicator.key)
    if not indicator.name.strip():
        raise InvalidInput("quality.ind_no_name")
    if indicator.kind not in KINDS or indicator.direction not in DIRECTIONS:
        raise InvalidInput("quality.ind_bad_kind")
    t, h = indicator.target, indicator.threshold
    if t is not None and h is not None:
        worse = h > t if indicator.direction == "higher" else h < t
        if worse:
            raise InvalidInput("quality.ind_threshold_side", target=t, threshold=h)
    return indicator


def validate_link(kpi: Indicator, driver: Indicator) -> tuple[str, str]:
    """Return the (kpi, driver) key pair when a KCI/KQI may drive this KPI; raise otherwise."""
    if kpi.kind != "KPI" or driver.kind not in ("KCI", "KQI"):
        raise InvalidInput("quality.link_kinds", kpi=kpi.key, driver=driver.key)
    return kpi.key, driver.key


def rag_status(value: float | None, ind: Indicator) -> str:
    """Return green (target met), red (threshold crossed), amber (between) or none."""
    if value is None or pd.isna(value) or ind.target is None:
        return "none"
    sign = 1.0 if ind.direction == "higher" else -1.0
    if sign * (value - ind.target) >= 0:
        return "green"
    if ind.threshold is not None and sign * (value - ind.threshold) < 0:
        return "red"
    return "amber"


def current_values(values: pd.DataFrame) -> pd.DataFrame:
    """Return each indicator's latest period and value ('all' segment, else mean of segments)."""
    if values.empty:
        return pd.DataFrame(columns=["indicator_key", "period", "value", "segments"])
    latest = values[values["period"] == values.groupby("indicator_key")["period"].transform("max")]
    overall = latest[latest["segment"] == "all"].set_index("indicator_key")
    pooled = latest.groupby("indicator_key").agg(
        period=("period", "max"), value=("value", "mean"), segments=("segment", "nunique")
    )
    pooled.loc[overall.index, "value"] = overall["value"]
    return pooled.reset_index()


def tree_frame(inds: list[Indicator], links: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Return the tree's nodes (id, parent, indicator fields, value, status) KPIs first."""
    now = current.set_index("indicator_key")["value"].to_dict() if len(current) else {}
    by_key = {i.key: i for i in inds}
    linked = set(links["driver_key"]) if len(links) else set()
    nodes = [_node(i, i.key, "", now) for i in inds if i.kind == "KPI"]
    for kpi_key, driver_key in links[["kpi_key", "driver_key"]].itertuples(index=False):
        if kpi_key in by_key and driver_key in by_key:
            nodes.append(_node(by_key[driver_key], f"{kpi_key}/{driver_key}", kpi_key, now))
    nodes += [_node(i, i.key, "", now) for i in inds if i.kind != "KPI" and i.key not in linked]
    return pd.DataFrame(nodes)


def _node(ind: Indicator, node_id: str, parent: str, now: dict[str, float]) -> dict[str, Any]:
    value = now.get(ind.key)
    return {
        "id": node_id,
        "parent": parent,
        "key": ind.key,
        "name": ind.name,
        "kind": ind.kind,
        "unit": ind.unit,
        "direction": ind.direction,
        "target": ind.target,
        "threshold": ind.threshold,
        "value": value,
        "status": rag_status(value, ind),
    }


def alerts_from(inds: list[Indicator], current: pd.DataFrame) -> pd.DataFrame:
    """Return the indicators whose latest value crossed the threshold (status red)."""
    tree = tree_frame(inds, pd.DataFrame(columns=["kpi_key", "driver_key"]), current)
    if tree.empty:
        return tree
    period = current.set_index("indicator_key")["period"] if len(current) else pd.Series()
    red = tree[tree["status"] == "red"].copy()
    red["period"] = red["key"].map(period)
    return red[["key", "name", "kind", "unit", "value", "target", "threshold", "period"]]


def threshold_alerts(store: Store) -> pd.DataFrame:
    """Return the workspace's indicators whose latest value crossed its threshold."""
    from cxdash.storage import indicators as saved

    inds, values = saved.tree_inputs(store)
    return alerts_from(inds, current_values(values))


def spearman_ci(x: pd.Series, y: pd.Series, level: float = 0.95) -> dict[str, float]:
    """Return Spearman's rho, its p-value and a Fisher-z CI with SE √(1.06/(n−3)).

    The variance 1.06/(n−3) for the z-transformed rank correlation is from Fieller, Hartley and
    Pearson (1957), Biometrika 44:470–481.
    """
    n = len(x)
    if n < 4 or x.nunique() < 2 or y.nunique() < 2:
        return {"rho": math.nan, "p": math.nan, "low": math.nan, "high": math.nan, "n": n}
    rho, p = stats.spearmanr(x, y)
    z, se = math.atanh(min(max(rho, -0.999999), 0.999999)), math.sqrt(1.06 / (n - 3))
    q = stats.norm.ppf(0.5 + level / 2)
    low, high = math.tanh(z - q * se), math.tanh(z + q * se)
    return {"rho": float(rho), "p": float(p), "low": low, "high": high, "n": n}


def pair_series(kpi: pd.DataFrame, driver: pd.DataFrame, lag: int = 0) -> pd.DataFrame:
    """Return KPI(t) next to driver(t − lag) per segment, one row per matched period."""
    shifted = driver.sort_values("period").copy()
    shifted["value"] = shifted.groupby("segment")["value"].shift(lag)
    merged = kpi.merge(shifted, on=["segment", "period"], suffixes=("_kpi", "_driver"))
    return merged.dropna(subset=["value_kpi", "value_driver"])


def lagged_correlations(kpi: pd.DataFrame, driver: pd.DataFrame) -> pd.DataFrame:
    """Return Spearman rho with CI for the driver leading the KPI by 0 to 3 periods."""
    rows = []
    for lag in range(MAX_LAG + 1):
        pairs = pair_series(kpi, driver, lag)
        rows.append({"lag": lag, **spearman_ci(pairs["value_driver"], pairs["value_kpi"])})
    return pd.DataFrame(rows)


def elasticity(pairs: pd.DataFrame) -> dict[str, float]:
    """Return the log-log OLS slope (% change in KPI per 1% change in driver) with its 95% CI.

    Constant-elasticity model log y = a + b·log x fitted by least squares (statsmodels OLS);
    only defined when both series are positive.
    """
    ok = pairs[(pairs["value_kpi"] > 0) & (pairs["value_driver"] > 0)]
    if len(ok) < 4 or ok["value_driver"].nunique() < 2:
        return {"slope": math.nan, "low": math.nan, "high": math.nan, "n": len(ok)}
    exog = sm.add_constant(np.log(ok["value_driver"].to_numpy(dtype=float)))
    fit = sm.OLS(np.log(ok["value_kpi"].to_numpy(dtype=float)), exog).fit()
    low, high = fit.conf_int()[1]
    return {"slope": float(fit.params[1]), "low": float(low), "high": float(high), "n": len(ok)}


@dataclass(frozen=True)
class LinkAnalysis:
    """What a link's data say: same-period correlation, lagged correlations and elasticity."""

    kpi_key: str
    driver_key: str
    correlation: dict[str, float]
    lags: pd.DataFrame
    elasticity: dict[str, float]
    pairs: pd.DataFrame


def analyse_link(kpi_key: str, driver_key: str, values: pd.DataFrame) -> LinkAnalysis:
    """Return the analysis of one KPI ← driver link over their periodic values by segment."""
    cols = ["segment", "period", "value"]
    kpi = values.loc[values["indicator_key"] == kpi_key, cols]
    driver = values.loc[values["indicator_key"] == driver_key, cols]
    pairs = pair_series(kpi, driver, 0)
    corr = spearman_ci(pairs["value_driver"], pairs["value_kpi"])
    lags = lagged_correlations(kpi, driver)
    return LinkAnalysis(kpi_key, driver_key, corr, lags, elasticity(pairs), pairs)
