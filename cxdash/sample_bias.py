"""Sample bias: does the respondents' mix match the population's, and the reweighted estimate."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from scipy import stats as sps


@dataclass(frozen=True)
class MixCheck:
    """Chi-square of the sample mix against the population mix, and both estimates side by side."""

    dimension: str
    chi2: float
    p_value: float
    dof: int
    biased: bool
    raw: float
    weighted: float
    table: pd.DataFrame
    uncovered_share: float


def mix_table(sample: pd.Series, population: pd.Series) -> pd.DataFrame:
    """Return per stratum the sample count, sample share and population share."""
    pop = population.astype(float)
    table = pd.DataFrame({"population": pop / pop.sum()})
    counts = sample.value_counts().reindex(table.index, fill_value=0)
    table["sample_n"] = counts.astype(int)
    total = max(int(counts.sum()), 1)
    table["sample_share"] = table["sample_n"] / total
    return table.sort_index()


def post_stratified_mean(values: pd.Series, strata: pd.Series, population: pd.Series) -> float:
    """Return Σ_s W_s·ȳ_s over sampled strata, renormalised W (Lohr, Sampling, §4.4)."""
    means = values.groupby(strata.to_numpy()).mean()
    weights = population.reindex(means.index).fillna(0.0).astype(float)
    if weights.sum() <= 0:
        return math.nan
    return float((means * weights).sum() / weights.sum())


def check_mix(
    values: pd.Series, strata: pd.Series, population: pd.Series, dimension: str, alpha: float = 0.05
) -> MixCheck:
    """Return the chi-square goodness-of-fit of the sample mix to the population mix (scipy).

    Expected counts are the population shares times the sample size (Pearson 1900;
    scipy.stats.chisquare). Strata the population has but the sample lacks count as observed 0.
    """
    table = mix_table(strata, population)
    observed = table["sample_n"].to_numpy(dtype=float)
    expected = table["population"].to_numpy() * observed.sum()
    keep = expected > 0
    chi2, p = sps.chisquare(observed[keep], expected[keep])
    uncovered = float(table.loc[table["sample_n"] == 0, "population"].sum())
    return MixCheck(
        dimension=dimension,
        chi2=float(chi2),
        p_value=float(p),
        dof=int(keep.sum() - 1),
        biased=bool(p < alpha),
        raw=float(values.mean()) if len(values) else math.nan,
        weighted=post_stratified_mean(values, strata, table["population"]),
        table=table,
        uncovered_share=uncovered,
    )
