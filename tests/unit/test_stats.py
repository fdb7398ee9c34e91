"""Every statistic against a direct scipy/statsmodels call and a published worked example."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import proportions_ztest
from statsmodels.stats.rates import test_poisson_2indep as poisson_2indep

from cxdash import stats


def exact_sample(mean: float, sd: float, n: int, seed: int) -> np.ndarray:
    """Return n values whose sample mean and SD are exactly the given ones."""
    raw = np.random.default_rng(seed).normal(size=n)
    return mean + sd * (raw - raw.mean()) / raw.std(ddof=1)


def test_two_proportion_z_matches_agresti_aspirin_example():
    # Physicians' Health Study (Agresti, An Introduction to Categorical Data Analysis, 2nd ed.,
    # §2.2): MI in 189 of 11,034 on placebo and 104 of 11,037 on aspirin; difference 0.0077,
    # Pearson X² = 25.0 (so |z| = 5.00).
    result = stats.two_proportion_test(189, 11034, 104, 11037)
    assert result.effect == pytest.approx(-0.0077, abs=5e-5)
    assert result.statistic == pytest.approx(-5.00, abs=0.005)
    assert result.low < result.effect < result.high < 0


def test_two_proportion_z_matches_statsmodels_directly():
    result = stats.two_proportion_test(40, 200, 25, 210)
    z, p = proportions_ztest([25, 40], [210, 200])
    assert (result.statistic, result.p_value) == pytest.approx((z, p))


def test_welch_t_matches_nist_auto_mpg_example():
    # NIST/SEMATECH e-Handbook §1.3.5.3: US cars (n 249, mean 20.14458, sd 6.41470) against
    # Japanese cars (n 79, mean 30.48101, sd 6.10771); unequal variances T = -12.94627.
    us, japan = exact_sample(20.14458, 6.41470, 249, 1), exact_sample(30.48101, 6.10771, 79, 2)
    result = stats.welch_test(japan, us)
    assert result.statistic == pytest.approx(-12.94627, abs=1e-4)
    direct = sps.ttest_ind(us, japan, equal_var=False)
    assert result.p_value == pytest.approx(direct.pvalue)
    assert result.low < result.effect < result.high


def test_mann_whitney_matches_scipy_and_a_hand_count():
    before, after = np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])
    # every one of the 3×3 pairs has after > before, so U = 9
    assert stats.mann_whitney_test(before, after).statistic == 9
    rng = np.random.default_rng(3)
    b, a = rng.integers(1, 6, 300).astype(float), rng.integers(2, 6, 280).astype(float)
    direct = sps.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic")
    result = stats.mann_whitney_test(b, a)
    assert (result.statistic, result.p_value) == pytest.approx((direct.statistic, direct.pvalue))


def test_wilson_interval_matches_newcombe_example():
    # Newcombe (1998), Statistics in Medicine 17:857, example 81/263: Wilson 0.2553 to 0.3662.
    found = stats.wilson_share(81, 263)
    assert (found.low, found.high) == pytest.approx((0.2553, 0.3662), abs=1e-4)


def test_nps_matches_the_sudzilla_fixture():
    # Preppin' Data NPS fixture: Sudzilla has 8 promoters, 22 detractors of 39, NPS -35.9.
    scores = np.array([10] * 8 + [8] * 9 + [3] * 22, dtype=float)
    found = stats.nps_estimate(scores)
    assert round(found.value, 1) == -35.9
    half = 1.96 * 100 * math.sqrt((8 / 39 + 22 / 39 - (8 / 39 - 22 / 39) ** 2) / 39)
    assert found.high - found.value == pytest.approx(half, rel=1e-3)


def test_nps_difference_z_follows_the_guide_formula():
    before = np.array([10] * 30 + [7] * 40 + [2] * 30, dtype=float)
    after = np.array([10] * 45 + [7] * 35 + [2] * 20, dtype=float)
    result = stats.nps_test(before, after)
    se = 100 * math.sqrt(stats.nps_variance(before) / 100 + stats.nps_variance(after) / 100)
    assert result.effect == pytest.approx(25.0)
    assert result.statistic == pytest.approx(25.0 / se)
    assert result.p_value == pytest.approx(2 * sps.norm.sf(25.0 / se))


def test_poisson_rate_test_matches_statsmodels():
    result = stats.poisson_rate_test(120, 60.0, 80, 60.0)
    direct = poisson_2indep(80, 60.0, 120, 60.0)
    assert result.p_value == pytest.approx(direct.pvalue)
    assert result.effect == pytest.approx(80 / 120)


def test_power_matches_cohens_tables():
    # Cohen (1988), Statistical Power Analysis, Tables 2.4.1 and 6.4.1: d = 0.5 needs 64 per
    # group and h = 0.2 needs 392 per group for 80% power at two-sided α = 0.05.
    assert stats.mean_n_needed(1.0, 0.5) == 64
    assert stats.mean_mde(1.0, 64, 64) == pytest.approx(0.5, abs=0.01)
    target = math.sin(math.asin(math.sqrt(0.5)) - 0.1) ** 2  # h = 0.2 exactly
    assert stats.proportion_n_needed(0.5, target) == 393  # 392.4 rounded up


def test_minimum_detectable_share_shrinks_with_more_data():
    small, large = stats.proportion_mde(0.2, 100, 100), stats.proportion_mde(0.2, 2000, 2000)
    assert 0 < large < small < 0.2
    assert math.isnan(stats.proportion_mde(0.2, 1, 100))


def test_rate_mde_and_events_needed_agree():
    need = stats.rate_events_needed(0.2)
    assert stats.rate_mde(need, need) == pytest.approx(0.2, abs=0.01)
