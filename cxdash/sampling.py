"""Sample-size planning: how many answers a target margin of error needs, with the FPC.

Cochran (1977), *Sampling Techniques*, §4.2: n₀ = z²·σ²/e², and for a finite population of N,
n = n₀ / (1 + (n₀ − 1)/N). For a proportion σ² = p(1 − p); for NPS (in points) σ² = 100²·(P + D −
(P − D)²), the variance of the +1/0/−1 score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats

from cxdash.errors import InvalidInput


@dataclass(frozen=True)
class SamplePlan:
    """The answers needed (with and without the finite population correction) and the inputs."""

    n: int
    n_infinite: int
    margin: float
    confidence: float
    population: int | None


def _z(confidence: float) -> float:
    """Return the two-sided normal quantile for a confidence level."""
    if not 0.5 <= confidence < 1:
        raise InvalidInput("sampling.bad_confidence", confidence=confidence)
    return float(stats.norm.ppf(0.5 + confidence / 2))


def finite_population(n_infinite: float, population: int | None) -> float:
    """Return n₀/(1 + (n₀ − 1)/N), or n₀ when the population is unknown."""
    if population is None:
        return n_infinite
    if population < 1:
        raise InvalidInput("sampling.bad_population", population=population)
    return n_infinite / (1 + (n_infinite - 1) / population)


def _plan(variance: float, margin: float, confidence: float, population: int | None) -> SamplePlan:
    """Return the plan for a variance and a margin in the same units."""
    if margin <= 0:
        raise InvalidInput("sampling.bad_margin", margin=margin)
    n0 = _z(confidence) ** 2 * variance / margin**2
    n = finite_population(n0, population)
    return SamplePlan(
        max(math.ceil(n - 1e-9), 1), max(math.ceil(n0 - 1e-9), 1), margin, confidence, population
    )


def plan_proportion(
    margin: float, p: float = 0.5, confidence: float = 0.95, population: int | None = None
) -> SamplePlan:
    """Return the n for a proportion (CSAT top-2-box, resolution rate) within ± margin (0–1)."""
    if not 0 <= p <= 1:
        raise InvalidInput("sampling.bad_share", share=p)
    return _plan(p * (1 - p), margin, confidence, population)


def plan_nps(
    margin_points: float,
    promoters: float = 0.5,
    detractors: float = 0.25,
    confidence: float = 0.95,
    population: int | None = None,
) -> SamplePlan:
    """Return the n for an NPS within ± margin_points, given expected promoter/detractor shares."""
    if promoters < 0 or detractors < 0 or promoters + detractors > 1:
        raise InvalidInput("sampling.bad_share", share=promoters + detractors)
    variance = 100**2 * (promoters + detractors - (promoters - detractors) ** 2)
    return _plan(variance, margin_points, confidence, population)
