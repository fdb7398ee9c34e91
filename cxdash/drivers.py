"""Key-driver analysis: which touchpoint ratings move the overall score.

Two views, side by side: standardised OLS coefficients with their p-values (statsmodels OLS on
z-scored variables; Johnson & LeBreton 2004 discuss their use as relative importance), and a
penalty–reward analysis (Brandt 1987; Conklin, Powaga & Lipovetsky 2004): the change in the
outcome when a touchpoint is rated low or high, against when it is rated in the middle.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm

from cxdash.errors import InvalidInput

ALPHA = 0.05
MIN_ROWS_PER_DRIVER = 5


def _complete(frame: pd.DataFrame, outcome: str, drivers: list[str]) -> pd.DataFrame:
    """Return the numeric rows that answer the outcome and every driver."""
    data = frame[[outcome, *drivers]].apply(pd.to_numeric, errors="coerce").dropna()
    if len(drivers) == 0 or len(data) < MIN_ROWS_PER_DRIVER * (len(drivers) + 1):
        raise InvalidInput(
            "drivers.too_few", n=len(data), need=MIN_ROWS_PER_DRIVER * (len(drivers) + 1)
        )
    return data


def key_drivers(frame: pd.DataFrame, outcome: str, drivers: list[str]) -> pd.DataFrame:
    """Return per driver: standardised β, its 95% CI and p-value, mean rating and correlation."""
    data = _complete(frame, outcome, drivers)
    spread = data.std(ddof=1)
    usable = [d for d in drivers if spread[d] > 0]
    if spread[outcome] == 0 or not usable:
        raise InvalidInput("drivers.no_variance")
    z = (data[[outcome, *usable]] - data[[outcome, *usable]].mean()) / spread[[outcome, *usable]]
    fit = sm.OLS(z[outcome], sm.add_constant(z[usable])).fit()
    ci = fit.conf_int(alpha=ALPHA)
    table = pd.DataFrame(
        {
            "driver": usable,
            "beta": fit.params[usable].to_numpy(),
            "low": ci.loc[usable, 0].to_numpy(),
            "high": ci.loc[usable, 1].to_numpy(),
            "p_value": fit.pvalues[usable].to_numpy(),
            "mean": data[usable].mean().to_numpy(),
            "correlation": [data[outcome].corr(data[d]) for d in usable],
        }
    )
    table["significant"] = table["p_value"] < ALPHA
    table.attrs.update(r_squared=float(fit.rsquared), n=int(fit.nobs))
    return table.sort_values("beta", ascending=False).reset_index(drop=True)


def penalty_reward(
    frame: pd.DataFrame, outcome: str, drivers: list[str], low_max: float, high_min: float
) -> pd.DataFrame:
    """Return per driver the penalty (low − mid) and reward (high − mid) in the outcome's mean.

    Ratings ≤ low_max are low, ≥ high_min are high, the rest the middle reference group.
    """
    data = _complete(frame, outcome, drivers)
    rows = []
    for driver in drivers:
        band = np.select(
            [data[driver] <= low_max, data[driver] >= high_min], ["low", "high"], "mid"
        )
        means = data.groupby(band)[outcome].mean()
        sizes = pd.Series(band).value_counts()
        mid = means.get("mid", np.nan)
        rows.append(
            {
                "driver": driver,
                "penalty": means.get("low", np.nan) - mid,
                "reward": means.get("high", np.nan) - mid,
                "n_low": int(sizes.get("low", 0)),
                "n_mid": int(sizes.get("mid", 0)),
                "n_high": int(sizes.get("high", 0)),
            }
        )
    return pd.DataFrame(rows).sort_values("penalty").reset_index(drop=True)
