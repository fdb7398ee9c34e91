"""Two-sample tests, intervals and power for before/after comparisons, all by scipy/statsmodels.

Every function returns plain numbers in frozen dataclasses so a page can show each ingredient.
Effects are always "after minus before" (or after/before for rate ratios).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats as sps
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)
from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

Z95 = float(sps.norm.ppf(0.975))


@dataclass(frozen=True)
class Estimate:
    """One group's estimate with its 95% interval and sample size."""

    value: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class TwoSampleTest:
    """A two-sample test: its name, statistic, p-value, and the effect (after − before) with CI."""

    test: str
    statistic: float
    p_value: float
    effect: float
    low: float
    high: float


def wilson_share(successes: int, n: int) -> Estimate:
    """Return a share with its Wilson 95% interval (Wilson 1927; statsmodels proportion_confint)."""
    if n <= 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    return Estimate(successes / n, float(low), float(high), int(n))


def mean_interval(values: np.ndarray) -> Estimate:
    """Return a mean with its Student-t 95% interval (scipy.stats.t)."""
    n = len(values)
    if n < 2:
        return Estimate(float(np.mean(values)) if n else math.nan, math.nan, math.nan, n)
    mean, sem = float(np.mean(values)), float(sps.sem(values))
    low, high = sps.t.interval(0.95, n - 1, loc=mean, scale=sem) if sem > 0 else (mean, mean)
    return Estimate(mean, float(low), float(high), n)


def nps_estimate(scores: np.ndarray) -> Estimate:
    """Return NPS = 100·(P − D) with CI ±1.96·100·√((P + D − (P − D)²)/n) (GUIDE §4)."""
    n = len(scores)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    promoters, detractors = float(np.mean(scores >= 9)), float(np.mean(scores <= 6))
    nps = 100 * (promoters - detractors)
    half = Z95 * 100 * math.sqrt(nps_variance(scores) / n)
    return Estimate(nps, nps - half, nps + half, n)


def nps_variance(scores: np.ndarray) -> float:
    """Return the per-response variance of the NPS indicator, P + D − (P − D)² (GUIDE §4)."""
    promoters, detractors = float(np.mean(scores >= 9)), float(np.mean(scores <= 6))
    return promoters + detractors - (promoters - detractors) ** 2


def two_proportion_test(k_before: int, n_before: int, k_after: int, n_after: int) -> TwoSampleTest:
    """Return the pooled two-proportion z-test and the Newcombe CI of the difference.

    statsmodels `proportions_ztest` (Agresti, Categorical Data Analysis, 3rd ed., §2.1) and
    `confint_proportions_2indep(method="newcomb")` (Newcombe 1998).
    """
    z, p = proportions_ztest([k_after, k_before], [n_after, n_before])
    low, high = confint_proportions_2indep(k_after, n_after, k_before, n_before, method="newcomb")
    effect = k_after / n_after - k_before / n_before
    return TwoSampleTest("two_proportion_z", float(z), float(p), effect, float(low), float(high))


def welch_test(before: np.ndarray, after: np.ndarray) -> TwoSampleTest:
    """Return Welch's unequal-variance t-test and the mean difference's CI (scipy ttest_ind)."""
    result = sps.ttest_ind(after, before, equal_var=False)
    ci = result.confidence_interval(0.95)
    effect = float(np.mean(after) - np.mean(before))
    return TwoSampleTest(
        "welch_t",
        float(result.statistic),
        float(result.pvalue),
        effect,
        float(ci.low),
        float(ci.high),
    )


def mann_whitney_test(before: np.ndarray, after: np.ndarray) -> TwoSampleTest:
    """Return the Mann–Whitney U test with the Hodges–Lehmann shift and its bootstrap CI.

    scipy `mannwhitneyu` (two-sided, asymptotic with ties correction); the shift is the median of
    pairwise differences (Hodges & Lehmann 1963), its CI a percentile bootstrap with seed 0.
    """
    result = sps.mannwhitneyu(after, before, alternative="two-sided", method="asymptotic")
    shift = hodges_lehmann(before, after)
    boot = sps.bootstrap(
        (before, after),
        lambda b, a, axis=-1: np.median(a, axis=axis) - np.median(b, axis=axis),
        n_resamples=999,
        method="percentile",
        rng=np.random.default_rng(0),
    )
    ci = boot.confidence_interval
    return TwoSampleTest(
        "mann_whitney",
        float(result.statistic),
        float(result.pvalue),
        shift,
        float(ci.low),
        float(ci.high),
    )


def hodges_lehmann(before: np.ndarray, after: np.ndarray) -> float:
    """Return the median of all pairwise differences after − before (Hodges–Lehmann shift)."""
    rng = np.random.default_rng(0)
    b = before if len(before) <= 2000 else rng.choice(before, 2000, replace=False)
    a = after if len(after) <= 2000 else rng.choice(after, 2000, replace=False)
    return float(np.median(np.subtract.outer(a, b)))


def nps_test(before: np.ndarray, after: np.ndarray) -> TwoSampleTest:
    """Return the NPS difference z = Δ / √(SE₁² + SE₂²) with its 95% CI (GUIDE §4)."""
    first, second = nps_estimate(before), nps_estimate(after)
    se = 100 * math.sqrt(nps_variance(before) / first.n + nps_variance(after) / second.n)
    delta = second.value - first.value
    z = delta / se if se > 0 else 0.0
    p = float(2 * sps.norm.sf(abs(z)))
    return TwoSampleTest("nps_z", z, p, delta, delta - Z95 * se, delta + Z95 * se)


def poisson_rate_test(
    count_before: int, days_before: float, count_after: int, days_after: float
) -> TwoSampleTest:
    """Return the test of two Poisson rates (per day) and the rate ratio's CI.

    statsmodels `test_poisson_2indep` / `confint_poisson_2indep` (Gu, Ng, Tang & Schucany 2008).
    """
    result = test_poisson_2indep(count_after, days_after, count_before, days_before)
    low, high = confint_poisson_2indep(count_after, days_after, count_before, days_before)
    ratio = (count_after / days_after) / (count_before / days_before) if count_before else math.inf
    return TwoSampleTest(
        "poisson_rate",
        float(result.statistic),
        float(result.pvalue),
        ratio,
        float(low),
        float(high),
    )


def proportion_mde(base: float, n_before: int, n_after: int, power: float = 0.8) -> float:
    """Return the smallest share difference detectable here (Cohen's h, NormalIndPower)."""
    if n_before < 2 or n_after < 2 or not 0 < base < 1:
        return math.nan
    h = NormalIndPower().solve_power(
        effect_size=None, nobs1=n_before, alpha=0.05, power=power, ratio=n_after / n_before
    )
    shifted = math.sin(max(math.asin(math.sqrt(base)) - float(h) / 2, 0.0)) ** 2
    return base - shifted


def proportion_n_needed(base: float, target: float, ratio: float = 1.0, power: float = 0.8) -> int:
    """Return the before-group size that detects base → target (NormalIndPower on Cohen's h)."""
    h = abs(float(proportion_effectsize(base, target)))
    if h == 0:
        return 0
    n = NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=power, ratio=ratio)
    return math.ceil(float(n))


def mean_mde(sd: float, n_before: int, n_after: int, power: float = 0.8) -> float:
    """Return the smallest mean difference detectable at these sizes (Cohen's d, TTestIndPower)."""
    if n_before < 2 or n_after < 2 or not sd > 0:
        return math.nan
    d = TTestIndPower().solve_power(
        effect_size=None, nobs1=n_before, alpha=0.05, power=power, ratio=n_after / n_before
    )
    return float(d) * sd


def mean_n_needed(sd: float, delta: float, ratio: float = 1.0, power: float = 0.8) -> int:
    """Return the before-group size that detects a mean shift delta (TTestIndPower)."""
    if not sd > 0 or delta == 0:
        return 0
    n = TTestIndPower().solve_power(
        effect_size=abs(delta) / sd, alpha=0.05, power=power, ratio=ratio
    )
    return math.ceil(float(n))


def rate_mde(count_before: int, count_after: int, power: float = 0.8) -> float:
    """Return the smallest relative drop in a Poisson rate detectable now.

    Normal approximation on the log rate ratio, SE = √(1/c₁ + 1/c₂) (Rothman, Modern
    Epidemiology, ch. 14); z quantiles from scipy.
    """
    if count_before <= 0 or count_after <= 0:
        return math.nan
    z = Z95 + float(sps.norm.ppf(power))
    return 1.0 - math.exp(-z * math.sqrt(1 / count_before + 1 / count_after))


def rate_events_needed(relative_drop: float, power: float = 0.8) -> int:
    """Return the events per period needed to detect a relative drop (log-ratio approximation)."""
    if not 0 < relative_drop < 1:
        return 0
    z = Z95 + float(sps.norm.ppf(power))
    return math.ceil(2 * (z / -math.log(1 - relative_drop)) ** 2)
