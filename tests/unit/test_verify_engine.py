"""The verification engine: verdicts, the bias check, difference-in-differences and the RTM flag."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats as sps

from cxdash.errors import InvalidInput
from cxdash.sample_bias import check_mix
from cxdash.verify import MetricSpec, Unit, verify

SHARE_LOWER = MetricSpec("share", "feedback.category_share", (("category", "x"),), "lower")
MEAN_HIGHER = MetricSpec("mean", "feedback.rating_mean")


def share_obs(before: tuple[int, int], after: tuple[int, int], region: str = "north"):
    """Return share observations: (hits, n) before 2026-04-01 and after, one per day-ish."""
    rows = []
    for (hits, n), start in ((before, "2026-01-01"), (after, "2026-04-01")):
        days = pd.date_range(start, periods=n, freq=pd.Timedelta(days=80) / n)
        rows += [(d, int(i < hits), "consumer", region, "hotline") for i, d in enumerate(days)]
    return pd.DataFrame(rows, columns=["ts", "value", "segment", "region", "channel"])


def test_clear_drop_in_a_bad_share_is_a_verified_improvement():
    found = verify(share_obs((300, 1000), (150, 1000)), SHARE_LOWER, "2026-04-01")
    assert found.verdict == "improved"
    assert found.test.effect == pytest.approx(-0.15)
    assert found.test.p_value < 0.001


def test_rise_in_a_bad_share_is_got_worse():
    found = verify(share_obs((150, 1000), (300, 1000)), SHARE_LOWER, "2026-04-01")
    assert found.verdict == "worse"


def test_tiny_samples_are_insufficient_data():
    found = verify(share_obs((5, 20), (2, 20)), SHARE_LOWER, "2026-04-01")
    assert found.verdict == "insufficient"
    assert found.reasons == ("too_few",)


def test_underpowered_non_result_says_how_many_more_are_needed():
    found = verify(share_obs((20, 100), (17, 100)), SHARE_LOWER, "2026-04-01")
    assert found.verdict == "insufficient"
    assert found.reasons == ("underpowered",)
    assert found.power.mde > found.power.target
    assert found.power.more_needed > 100


def test_well_powered_non_result_is_no_detectable_change():
    found = verify(share_obs((2000, 10000), (1990, 10000)), SHARE_LOWER, "2026-04-01")
    assert found.verdict == "no_change"
    assert found.power.mde < found.power.target


def test_mean_metric_runs_welch_and_mann_whitney():
    rng = np.random.default_rng(5)
    obs = share_obs((0, 400), (0, 400))
    obs["value"] = np.r_[rng.normal(3.0, 1, 400), rng.normal(3.4, 1, 400)]
    found = verify(obs, MEAN_HIGHER, "2026-04-01")
    assert found.test.test == "welch_t" and found.extra_test.test == "mann_whitney"
    assert found.verdict == "improved"


def test_change_date_outside_the_data_is_a_clear_error():
    with pytest.raises(InvalidInput) as err:
        verify(share_obs((30, 100), (20, 100)), SHARE_LOWER, "2030-01-01")
    assert err.value.key == "verify.error.change_date"


def test_bias_check_flags_a_deliberately_skewed_sample():
    # population: half hotline, half app; the sample is 90% hotline, where the rate differs
    values = pd.Series([1] * 45 + [0] * 45 + [1] * 1 + [0] * 9, dtype=float)
    strata = pd.Series(["hotline"] * 90 + ["app"] * 10)
    population = pd.Series({"hotline": 5000.0, "app": 5000.0})
    found = check_mix(values, strata, population, "channel")
    direct = sps.chisquare([10, 90], [50, 50])
    assert found.biased and found.p_value == pytest.approx(direct.pvalue)
    assert found.raw == pytest.approx(0.46)
    assert found.weighted == pytest.approx(0.5 * 0.5 + 0.5 * 0.1)


def test_bias_check_matches_mendels_peas():
    # Mendel's dihybrid cross against 9:3:3:1 (e.g. Zar, Biostatistical Analysis, ex. 22.3):
    # X² = 0.470, p = 0.925, not biased.
    strata = pd.Series(["a"] * 315 + ["b"] * 108 + ["c"] * 101 + ["d"] * 32)
    found = check_mix(strata.eq("a").astype(float), strata, pd.Series({"a": 9, "b": 3, "c": 3,
                      "d": 1}), "segment")  # fmt: skip
    assert found.chi2 == pytest.approx(0.470, abs=1e-3)
    assert not found.biased


def did_panel(effect: float, seed: int = 11) -> pd.DataFrame:
    """Return a synthetic panel: treated west and control north, a common trend, a known effect."""
    rng = np.random.default_rng(seed)
    rows = []
    for region, base in (("west", 2.0), ("north", 3.0)):
        for ts in pd.date_range("2026-01-01", "2026-06-30", freq="6h"):
            post = ts >= pd.Timestamp("2026-04-01")
            value = base + 0.5 * post + effect * (post and region == "west") + rng.normal(0, 1)
            rows.append((ts, value, "consumer", region, "app_feedback"))
    return pd.DataFrame(rows, columns=["ts", "value", "segment", "region", "channel"])


def test_difference_in_differences_recovers_a_known_effect():
    panel = did_panel(0.8)
    found = verify(panel, MEAN_HIGHER, "2026-04-01", treated=Unit("region", "west"),
                   control=Unit("region", "north"))  # fmt: skip
    assert found.did is not None
    assert found.did.low < 0.8 < found.did.high
    panel["treated"] = (panel.region == "west").astype(int)
    panel["post"] = (panel.ts >= "2026-04-01").astype(int)
    direct = smf.ols("value ~ treated * post", data=panel).fit(cov_type="HC1")
    assert found.did.effect == pytest.approx(direct.params["treated:post"])
    assert found.did.p_value == pytest.approx(direct.pvalues["treated:post"])
    assert found.verdict == "improved"


def test_common_trend_alone_is_not_credited_to_the_change_when_a_control_exists():
    found = verify(did_panel(0.0), MEAN_HIGHER, "2026-04-01", treated=Unit("region", "west"),
                   control=Unit("region", "north"), target=0.5)  # fmt: skip
    assert found.test.p_value < 0.05  # the naive before/after sees the trend
    assert found.verdict == "no_change"


def test_regression_to_the_mean_warning_when_the_worst_unit_was_chosen():
    obs = share_obs((300, 1000), (150, 1000), region="west")
    flagged = verify(obs, SHARE_LOWER, "2026-04-01", chosen_as_worst=True)
    assert flagged.rtm_warning and "rtm" in flagged.reasons
    assert not verify(obs, SHARE_LOWER, "2026-04-01").rtm_warning


def test_metric_spec_rejects_unknown_kinds():
    with pytest.raises(InvalidInput):
        MetricSpec("median", "feedback.rating_mean")
