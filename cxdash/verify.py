"""Step 8: did a change work? Before/after tests, power, sample bias, DiD and a plain verdict.

Input is a DataFrame of metric observations with columns `ts` (timestamp), `value` (0/1 for
shares, a number for means, 0–10 for NPS, 1 per event for rates) and unit columns such as
`segment`, `region`, `channel`. Where the observations come from is the `MetricSpec`'s business.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from cxdash import stats
from cxdash.errors import InvalidInput
from cxdash.sample_bias import MixCheck, check_mix

KINDS = ("share", "mean", "nps", "rate")
UNIT_COLUMNS = ("segment", "region", "channel")
MIN_PER_GROUP = 30
VERDICTS = ("improved", "no_change", "worse", "insufficient")


@dataclass(frozen=True)
class MetricSpec:
    """What to measure: kind (share/mean/nps/rate), source key, filter, and which way is better."""

    kind: str
    source: str
    filters: tuple[tuple[str, str], ...] = ()
    better: str = "higher"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput("verify.error.kind", kind=self.kind)
        if self.better not in ("higher", "lower"):
            raise InvalidInput("verify.error.better", better=self.better)

    def as_dict(self) -> dict[str, Any]:
        """Return the spec as plain JSON-ready values."""
        return {"kind": self.kind, "source": self.source, "filters": dict(self.filters),
                "better": self.better}  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """A unit of the observations: a dimension (segment/region/channel) and one of its values."""

    dimension: str
    value: str


@dataclass(frozen=True)
class Power:
    """The minimum detectable effect now, and how many more responses the target needs."""

    mde: float
    target: float
    more_needed: int


@dataclass(frozen=True)
class DiD:
    """Difference-in-differences: the interaction coefficient of OLS with HC1 robust errors."""

    effect: float
    low: float
    high: float
    p_value: float
    n: int
    control: Unit


@dataclass(frozen=True)
class Verification:
    """All evidence of one verification and its verdict."""

    spec: MetricSpec
    change_date: pd.Timestamp
    before: stats.Estimate
    after: stats.Estimate
    test: stats.TwoSampleTest
    extra_test: stats.TwoSampleTest | None
    power: Power
    bias: MixCheck | None
    did: DiD | None
    rtm_warning: bool
    verdict: str
    reasons: tuple[str, ...] = field(default_factory=tuple)


def split_periods(
    obs: pd.DataFrame, change_date: pd.Timestamp
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the observations before and on/after the change date."""
    if obs.empty or "ts" not in obs or "value" not in obs:
        raise InvalidInput("verify.error.no_data")
    ts = pd.to_datetime(obs["ts"])
    if not ts.min() < change_date <= ts.max():
        raise InvalidInput("verify.error.change_date", date=f"{change_date:%Y-%m-%d}")
    return obs[ts < change_date], obs[ts >= change_date]


def _days(frame: pd.DataFrame) -> float:
    ts = pd.to_datetime(frame["ts"])
    return max(float((ts.max().normalize() - ts.min().normalize()).days) + 1.0, 1.0)


def estimate(kind: str, frame: pd.DataFrame, days: float | None = None) -> stats.Estimate:
    """Return one period's estimate with its 95% interval for the metric kind."""
    values = frame["value"].to_numpy(dtype=float)
    if kind == "share":
        return stats.wilson_share(int(values.sum()), len(values))
    if kind == "nps":
        return stats.nps_estimate(values)
    if kind == "rate":
        span = days if days is not None else _days(frame)
        count = float(values.sum())
        half = stats.Z95 * math.sqrt(count) / span
        return stats.Estimate(count / span, max(count / span - half, 0.0), count / span + half,
                              len(values))  # fmt: skip
    return stats.mean_interval(values)


def run_tests(
    kind: str, before: pd.DataFrame, after: pd.DataFrame, spans: tuple[float, float]
) -> tuple[stats.TwoSampleTest, stats.TwoSampleTest | None]:
    """Return the main test for the kind and, for means, Mann–Whitney beside Welch."""
    b, a = before["value"].to_numpy(dtype=float), after["value"].to_numpy(dtype=float)
    if kind == "share":
        return stats.two_proportion_test(int(b.sum()), len(b), int(a.sum()), len(a)), None
    if kind == "nps":
        return stats.nps_test(b, a), None
    if kind == "rate":
        return stats.poisson_rate_test(int(b.sum()), spans[0], int(a.sum()), spans[1]), None
    return stats.welch_test(b, a), stats.mann_whitney_test(b, a)


def power_at(kind: str, before: pd.DataFrame, after: pd.DataFrame, target: float | None) -> Power:
    """Return the MDE at the current sizes and the extra responses needed to detect the target."""
    b, a = before["value"].to_numpy(dtype=float), after["value"].to_numpy(dtype=float)
    n_b, n_a = len(b), len(a)
    if kind == "share":
        base = float(b.mean()) if n_b else math.nan
        goal = abs(target) if target else 0.2 * base
        mde = stats.proportion_mde(base, n_b, n_a)
        need = stats.proportion_n_needed(base, max(base - goal, 1e-6)) if 0 < base < 1 else 0
    elif kind in ("mean", "nps"):
        sd = float(np.std(b, ddof=1)) if n_b > 1 else math.nan
        goal = abs(target) if target else 0.2 * sd
        mde = stats.mean_mde(sd, n_b, n_a)
        need = stats.mean_n_needed(sd, goal) if goal else 0
    else:
        goal = abs(target) if target else 0.2
        mde = stats.rate_mde(int(b.sum()), int(a.sum()))
        need, n_a = stats.rate_events_needed(goal), int(a.sum())
    return Power(mde, goal, max(need - n_a, 0))


def did_estimate(obs: pd.DataFrame, change_date: pd.Timestamp, treated: Unit, control: Unit) -> DiD:
    """Return DiD from OLS value ~ treated·post with HC1 errors (Angrist & Pischke 2009, ch. 5)."""
    frame = obs.assign(
        treated=(obs[treated.dimension] == treated.value).astype(int),
        post=(pd.to_datetime(obs["ts"]) >= change_date).astype(int),
    )
    keep = (frame["treated"] == 1) | (frame[control.dimension] == control.value)
    frame = frame[keep]
    if (
        frame.groupby(["treated", "post"])
        .size()
        .reindex(pd.MultiIndex.from_product([[0, 1], [0, 1]]), fill_value=0)
        .min()
        < 2
    ):
        raise InvalidInput("verify.error.did_cells", control=control.value)
    fit = smf.ols("value ~ treated * post", data=frame).fit(cov_type="HC1")
    low, high = fit.conf_int().loc["treated:post"]
    return DiD(float(fit.params["treated:post"]), float(low), float(high),
               float(fit.pvalues["treated:post"]), len(frame), control)  # fmt: skip


def daily_counts(obs: pd.DataFrame, units: tuple[Unit, ...]) -> pd.DataFrame:
    """Return one row per day and unit with the event count (zeros filled) for rate DiD."""
    ts = pd.to_datetime(obs["ts"]).dt.normalize()
    days = pd.date_range(ts.min(), ts.max(), freq="D")
    parts = []
    for unit in units:
        counts = ts[obs[unit.dimension] == unit.value].value_counts().reindex(days, fill_value=0)
        part = pd.DataFrame({"ts": days, "value": counts.to_numpy(dtype=float)})
        units_of_part = {d: "" for d in UNIT_COLUMNS} | {unit.dimension: unit.value}
        parts.append(part.assign(**units_of_part))
    return pd.concat(parts, ignore_index=True)


def _good(effect: float, kind: str, better: str) -> bool:
    """Return whether an effect points the better way (rate effects are ratios around 1)."""
    signed = math.log(effect) if kind == "rate" and effect > 0 else effect
    return signed > 0 if better == "higher" else signed < 0


def decide_verdict(
    spec: MetricSpec,
    sizes: tuple[int, int],
    test: stats.TwoSampleTest,
    power: Power,
    did: DiD | None,
    alpha: float = 0.05,
) -> tuple[str, tuple[str, ...]]:
    """Return the plain-words verdict and the reasons behind it.

    Too few observations, or no significant change while the detectable effect is still larger
    than the target, is "insufficient": saying "no change" would claim more than the data show.
    """
    if min(sizes) < MIN_PER_GROUP:
        return "insufficient", ("too_few",)
    p, effect = (did.p_value, did.effect) if did else (test.p_value, test.effect)
    kind = "mean" if did else spec.kind
    if p < alpha:
        better = _good(effect, kind, spec.better)
        return ("improved" if better else "worse"), ("significant",)
    if not math.isnan(power.mde) and power.mde > power.target and power.more_needed > 0:
        return "insufficient", ("underpowered",)
    return "no_change", ("not_significant",)


def verify(
    obs: pd.DataFrame,
    spec: MetricSpec,
    change_date: pd.Timestamp | str,
    *,
    treated: Unit | None = None,
    control: Unit | None = None,
    chosen_as_worst: bool = False,
    population: pd.Series | None = None,
    mix_dimension: str = "channel",
    target: float | None = None,
) -> Verification:
    """Return the full verification of a change on the metric: tests, power, bias, DiD, verdict."""
    when = pd.Timestamp(change_date)
    scope = obs if treated is None else obs[obs[treated.dimension] == treated.value]
    before, after = split_periods(scope, when)
    spans = (_days(before), _days(after)) if spec.kind == "rate" else (1.0, 1.0)
    test, extra = run_tests(spec.kind, before, after, spans)
    power = power_at(spec.kind, before, after, target)
    did = None
    if control is not None:
        if treated is None:
            raise InvalidInput("verify.error.control_needs_treated")
        panel = daily_counts(obs, (treated, control)) if spec.kind == "rate" else obs
        did = did_estimate(panel, when, treated, control)
    bias = None
    if population is not None and spec.kind != "rate" and len(after):
        bias = check_mix(after["value"].astype(float), after[mix_dimension].astype(str),
                         population, mix_dimension)  # fmt: skip
    verdict, reasons = decide_verdict(spec, (len(before), len(after)), test, power, did)
    rtm = bool(chosen_as_worst and did is None)
    return Verification(
        spec, when, estimate(spec.kind, before, spans[0]), estimate(spec.kind, after, spans[1]),
        test, extra, power, bias, did, rtm, verdict, reasons + (("rtm",) if rtm else ()),
    )  # fmt: skip
