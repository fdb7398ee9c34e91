"""Key drivers: standardised OLS betas against statsmodels, and penalty–reward groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from cxdash.drivers import key_drivers, penalty_reward
from cxdash.errors import InvalidInput


def _ratings(n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    install = rng.integers(1, 6, n)
    billing = rng.integers(1, 6, n)
    noise = rng.integers(1, 6, n)
    overall = np.clip(np.rint(0.7 * install + 0.2 * billing + rng.normal(0, 0.5, n)), 1, 5)
    return pd.DataFrame({"overall": overall, "install": install, "billing": billing, "x": noise})


def test_standardised_betas_match_statsmodels_on_z_scores():
    frame = _ratings()
    table = key_drivers(frame, "overall", ["install", "billing", "x"]).set_index("driver")
    z = (frame - frame.mean()) / frame.std(ddof=1)
    fit = sm.OLS(z["overall"], sm.add_constant(z[["install", "billing", "x"]])).fit()
    assert table.loc["install", "beta"] == pytest.approx(fit.params["install"])
    assert table.index[0] == "install"
    assert bool(table.loc["install", "significant"]) and not bool(table.loc["x", "significant"])


def test_penalty_reward_signs():
    frame = _ratings()
    table = penalty_reward(frame, "overall", ["install", "x"], low_max=2, high_min=4)
    install = table.set_index("driver").loc["install"]
    assert install["penalty"] < 0 < install["reward"]
    assert install[["n_low", "n_mid", "n_high"]].sum() == 400


def test_too_few_rows_is_a_clear_error():
    with pytest.raises(InvalidInput) as err:
        key_drivers(_ratings(8), "overall", ["install", "billing"])
    assert err.value.key == "drivers.too_few"
