"""Verification engine: time of a full verification against the raw library tests it wraps."""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportions_ztest

from cxdash.verify import MetricSpec, Unit, verify


def _panel(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ts = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 180 * 86400, n), unit="s")
    regions = rng.choice(["west", "north", "east"], n)
    channels = rng.choice(["hotline", "app_feedback", "store"], n, p=[0.6, 0.3, 0.1])
    value = (rng.random(n) < 0.2 - 0.03 * (ts >= "2026-04-01")).astype(float)
    return pd.DataFrame({"ts": ts, "value": value, "segment": "consumer", "region": regions,
                         "channel": channels})  # fmt: skip


def _timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def _peak_mb(fn: object) -> float:
    # tracemalloc slows Python code many times over, so memory is measured in a separate run
    tracemalloc.start()
    fn()  # type: ignore[operator]
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return peak


def run() -> str:
    """Return the Markdown section: full verification vs the bare z-test, at three sizes."""
    spec = MetricSpec("share", "bench", better="lower")
    population = pd.Series({"hotline": 1 / 3, "app_feedback": 1 / 3, "store": 1 / 3})
    lines = ["## Verification engine", "",
             "Share metric; full = z-test, power, chi-square mix check, post-stratification and",
             "DiD (OLS, HC1) against a control; raw = statsmodels `proportions_ztest` alone.", "",
             "| rows | raw z-test s | full verification s | ratio | traced peak MB |",
             "|---:|---:|---:|---:|---:|"]  # fmt: skip
    for n in (10_000, 100_000, 1_000_000):
        obs = _panel(n)
        after = obs["ts"] >= "2026-04-01"

        def raw(obs: pd.DataFrame = obs, after: pd.Series = after) -> None:
            k = [obs.loc[after, "value"].sum(), obs.loc[~after, "value"].sum()]
            proportions_ztest(k, [int(after.sum()), int((~after).sum())])

        def full(obs: pd.DataFrame = obs) -> None:
            verify(obs, spec, "2026-04-01", treated=Unit("region", "west"),
                   control=Unit("region", "north"), population=population)  # fmt: skip

        raw_s, full_s = _timed(raw), _timed(full)
        peak = f"{_peak_mb(full):.0f}" if n <= 100_000 else "–"
        lines.append(f"| {n:,} | {raw_s:.4f} | {full_s:.3f} | {full_s / raw_s:.0f}× | {peak} |")
    return "\n".join(lines)
