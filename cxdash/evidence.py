"""A verification's evidence as plain values: to save, to show in a table, and to chart."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

import pandas as pd

from cxdash.verify import Verification, estimate


def _clean(value: Any) -> Any:
    """Return value with NaN and infinities as None, recursively, so it is valid JSON."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def result_record(found: Verification) -> dict[str, Any]:
    """Return every number of a verification as a JSON-ready dict."""
    bias = None
    if found.bias is not None:
        table = found.bias.table.reset_index(names="stratum")
        bias = {k: v for k, v in asdict(found.bias).items() if k != "table"}
        bias["table"] = table.to_dict(orient="records")
    did = None
    if found.did is not None:
        did = asdict(found.did)
    return _clean(
        {
            "before": asdict(found.before),
            "after": asdict(found.after),
            "test": asdict(found.test),
            "extra_test": asdict(found.extra_test) if found.extra_test else None,
            "power": asdict(found.power),
            "bias": bias,
            "did": did,
            "rtm_warning": found.rtm_warning,
            "verdict": found.verdict,
            "reasons": list(found.reasons),
        }
    )


def period_series(obs: pd.DataFrame, kind: str, freq: str = "W") -> pd.DataFrame:
    """Return per period the estimate and its 95% interval (columns period, value, low, high, n)."""
    if obs.empty:
        return pd.DataFrame(columns=["period", "value", "low", "high", "n"])
    ts = pd.to_datetime(obs["ts"])
    rows = []
    for period, group in obs.groupby(ts.dt.to_period(freq)):
        est = estimate(kind, group, 7.0 if freq == "W" else None)
        rows.append((period.start_time, est.value, est.low, est.high, est.n))
    return pd.DataFrame(rows, columns=["period", "value", "low", "high", "n"])
