"""Sample-size planning against Cochran's worked numbers and the finite population correction."""

from __future__ import annotations

import pytest

from cxdash.errors import InvalidInput
from cxdash.sampling import finite_population, plan_nps, plan_proportion


def test_proportion_classic_385():
    # ±5 points at 95% with p = 0.5: 1.96² · 0.25 / 0.05² = 384.1 → 385.
    assert plan_proportion(0.05).n == 385


def test_finite_population_correction():
    plan = plan_proportion(0.05, population=1000)
    # 384.15 / (1 + 383.15 / 1000) = 277.7 → 278.
    assert plan.n == 278 and plan.n_infinite == 385
    assert finite_population(384.0, None) == 384.0


def test_nps_plan_uses_the_nps_variance():
    # P 0.5, D 0.25: variance 0.75 − 0.0625 = 0.6875; ±5 points → 1.96² · 6875 / 25 = 1056.4.
    assert plan_nps(5, 0.5, 0.25).n == 1057
    assert plan_nps(5, 0.5, 0.25, population=2000).n < 1057


def test_bad_inputs_are_refused():
    with pytest.raises(InvalidInput):
        plan_proportion(0)
    with pytest.raises(InvalidInput):
        plan_nps(5, 0.8, 0.4)
