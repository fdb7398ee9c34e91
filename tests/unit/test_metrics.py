"""Survey scores: published NPS fixtures, and the CIs against direct scipy/statsmodels calls."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from cxdash.errors import InvalidInput
from cxdash.metrics import compare, compare_groups, distribution, score_ces, score_csat, score_nps

# Preppin' Data 2020 week 40 (via PrepBench case_040): "how would you rate Sudzilla?", 39 answers.
SUDZILLA = [0, 0, 5, 2, 4, 3, 10, 3, 4, 7, 6, 8, 7, 9, 5, 1, 8, 2, 7, 9, 0, 10, 3, 3, 3, 2, 8, 9]
SUDZILLA += [10, 8, 7, 3, 3, 10, 2, 3, 8, 0, 9]

# Preppin' Data 2021 week 122 (PrepBench case_122): (responses, promoters, detractors) per other
# airline; Prep Air had 184 responses, 74 promoters and 35 detractors.
OTHER_AIRLINES = [
    (60, 23, 15),
    (101, 31, 29),
    (91, 35, 24),
    (29, 9, 12),
    (24, 8, 10),
    (40, 12, 12),
    (17, 4, 4),
    (27, 11, 8),
    (10, 5, 2),
    (13, 4, 5),
    (88, 28, 23),
    (82, 30, 20),
    (93, 31, 31),
    (112, 27, 32),
    (83, 31, 21),
    (52, 17, 14),
    (64, 18, 17),
    (76, 25, 20),
    (44, 15, 12),
    (29, 9, 7),
    (103, 39, 24),
    (72, 30, 14),
    (84, 26, 26),
    (49, 18, 13),
    (80, 29, 14),
    (17, 4, 7),
    (79, 28, 27),
    (24, 5, 7),
    (55, 24, 10),
    (55, 20, 18),
    (76, 24, 18),
    (83, 38, 21),
    (43, 11, 14),
    (40, 23, 5),
    (39, 12, 13),
    (24, 15, 6),
    (75, 29, 17),
    (52, 18, 12),
    (131, 52, 31),
    (36, 15, 13),
    (35, 13, 8),
    (67, 20, 18),
    (84, 37, 23),
    (22, 10, 8),
    (73, 26, 16),
    (61, 31, 11),
    (17, 7, 2),
    (73, 21, 23),
    (43, 19, 9),
    (40, 12, 12),
    (60, 17, 20),
    (69, 26, 17),
    (66, 20, 18),
    (83, 32, 15),
    (70, 29, 19),
    (57, 27, 5),
    (106, 40, 27),
    (43, 15, 11),
    (93, 32, 32),
    (15, 8, 1),
    (6, 2, 3),
    (83, 27, 25),
    (58, 28, 12),
    (56, 17, 19),
    (82, 31, 21),
    (80, 24, 25),
    (24, 8, 6),
    (91, 37, 27),
    (19, 7, 7),
    (55, 16, 21),
    (131, 46, 36),
    (18, 5, 10),
    (110, 42, 29),
    (41, 11, 9),
    (52, 21, 14),
    (14, 8, 3),
    (42, 18, 8),
    (65, 29, 15),
    (168, 64, 48),
    (51, 20, 14),
    (89, 35, 30),
    (33, 12, 6),
    (61, 25, 10),
    (37, 9, 17),
    (23, 6, 10),
    (40, 14, 13),
    (52, 21, 14),
    (64, 21, 17),
    (129, 52, 26),
    (50, 19, 16),
    (8, 4, 2),
    (21, 7, 6),
    (14, 5, 3),
    (99, 33, 36),
    (78, 26, 24),
    (48, 15, 16),
    (65, 20, 17),
    (37, 9, 20),
]


def test_sudzilla_nps():
    found = score_nps(SUDZILLA)
    assert (found.n, round(found.share_high * found.n), round(found.share_low * found.n)) == (
        39,
        8,
        22,
    )
    assert round(found.value, 1) == -35.9


def _answers(n: int, promoters: int, detractors: int) -> list[int]:
    return [10] * promoters + [0] * detractors + [8] * (n - promoters - detractors)


def _floored_nps(n: int, promoters: int, detractors: int) -> int:
    found = score_nps(_answers(n, promoters, detractors))
    # The challenge's rule: floor each percentage before subtracting.
    return math.floor(100 * found.share_high) - math.floor(100 * found.share_low)


def test_prep_air_nps_and_z_score_by_the_challenge_rules():
    kept = [row for row in OTHER_AIRLINES if row[0] >= 50]
    assert len(kept) + 1 == 59
    prep_air = _floored_nps(184, 74, 35)
    everyone = np.array([prep_air, *(_floored_nps(*row) for row in kept)], dtype=float)
    z = (prep_air - everyone.mean()) / everyone.std(ddof=1)
    assert prep_air == 21
    assert round(z, 2) == 1.12


def test_nps_ci_matches_the_variance_formula_and_the_score_mean():
    answers = _answers(200, 90, 40)
    found = score_nps(answers)
    coded = np.array([1] * 90 + [-1] * 40 + [0] * 70)
    # The NPS variance P + D − (P − D)² is the population variance of the +1/0/−1 codes.
    se = 100 * coded.std(ddof=0) / math.sqrt(200)
    assert found.value == pytest.approx(25.0)
    assert found.low == pytest.approx(25.0 - stats.norm.ppf(0.975) * se)
    assert found.high == pytest.approx(25.0 + stats.norm.ppf(0.975) * se)


def test_csat_wilson_interval_matches_statsmodels():
    answers = [5] * 40 + [4] * 25 + [3] * 20 + [2] * 10 + [1] * 5
    found = score_csat(answers)
    low, high = proportion_confint(65, 100, alpha=0.05, method="wilson")
    assert (found.value, found.low, found.high) == pytest.approx((65.0, 100 * low, 100 * high))
    assert found.mean == pytest.approx(np.mean(answers))


def test_ces_t_interval_matches_scipy():
    answers = [1, 2, 2, 3, 4, 4, 5, 6, 7, 3, 2, 5]
    found = score_ces(answers)
    low, high = stats.t.interval(0.95, len(answers) - 1, np.mean(answers), stats.sem(answers))
    assert (found.low, found.high) == pytest.approx((low, high))
    assert found.share_high == pytest.approx(4 / 12)


def test_nps_difference_z():
    a, b = _answers(300, 150, 60), _answers(250, 90, 80)
    sa, sb = score_nps(a), score_nps(b)
    result = compare("nps", a, b)
    var = lambda s: s.share_high + s.share_low - (s.share_high - s.share_low) ** 2  # noqa: E731
    z = (sa.value - sb.value) / (100 * math.sqrt(var(sa) / 300 + var(sb) / 250))
    assert result.statistic == pytest.approx(z)
    assert result.p_value == pytest.approx(2 * stats.norm.sf(abs(z)))


def test_csat_and_ces_comparisons_use_the_library_tests():
    a, b = [5] * 30 + [2] * 10, [5] * 15 + [1] * 25
    _z, p = proportions_ztest([30, 15], [40, 40])
    assert compare("csat", a, b).p_value == pytest.approx(p)
    t = stats.ttest_ind([1, 2, 3, 2, 2], [5, 6, 5, 7, 6], equal_var=False)
    assert compare("ces", [1, 2, 3, 2, 2], [5, 6, 5, 7, 6]).p_value == pytest.approx(t.pvalue)


def test_group_comparison_flags_the_worse_region():
    import pandas as pd

    frame = pd.DataFrame(
        {"region": ["west"] * 60 + ["east"] * 60, "v": [2] * 40 + [5] * 20 + [5] * 50 + [3] * 10}
    )
    table = compare_groups(frame, "csat", "region", "v").set_index("region")
    assert table.loc["west", "difference"] < 0 and table.loc["west", "p_value"] < 0.001


def test_out_of_scale_answers_are_refused_and_empty_gives_no_score():
    with pytest.raises(InvalidInput):
        score_csat([1, 6])
    assert score_nps([]).n == 0 and math.isnan(score_nps([]).value)


def test_distribution_includes_unused_points():
    dist = distribution([1, 1, 5], "csat")
    assert list(dist["count"]) == [2, 0, 0, 0, 1]
