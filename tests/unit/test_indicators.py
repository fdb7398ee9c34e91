"""Indicator definitions, RAG status, the tree, and the link analyses on hand-checked series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cxdash import indicators as ind
from cxdash.errors import InvalidInput

CSAT = ind.Indicator("csat", "CSAT", "KPI", "%", "higher", 85.0, 75.0)
WAIT = ind.Indicator("wait", "Wait", "KCI", "days", "lower", 3.0, 5.0)


def _values(key: str, series: list[float], segment: str = "all") -> pd.DataFrame:
    periods = pd.date_range("2026-01-01", periods=len(series), freq="MS")
    return pd.DataFrame(
        {"indicator_key": key, "period": periods, "segment": segment, "value": series}
    )


@pytest.mark.parametrize(
    ("indicator", "value", "status"),
    [
        (CSAT, 90, "green"),
        (CSAT, 85, "green"),
        (CSAT, 80, "amber"),
        (CSAT, 70, "red"),
        (WAIT, 2, "green"),
        (WAIT, 4, "amber"),
        (WAIT, 6, "red"),
        (CSAT, None, "none"),
        (ind.Indicator("x", "X", "KQI"), 5, "none"),
    ],
)
def test_rag_status_follows_direction_target_and_threshold(indicator, value, status):
    assert ind.rag_status(value, indicator) == status


def test_threshold_on_the_good_side_of_the_target_is_refused():
    with pytest.raises(InvalidInput) as err:
        ind.validate_indicator(ind.Indicator("csat", "CSAT", "KPI", "%", "higher", 85.0, 90.0))
    assert err.value.key == "quality.ind_threshold_side"
    with pytest.raises(InvalidInput):
        ind.validate_indicator(ind.Indicator("Bad Key", "n", "KPI"))


def test_only_kci_or_kqi_may_drive_a_kpi():
    assert ind.validate_link(CSAT, WAIT) == ("csat", "wait")
    with pytest.raises(InvalidInput):
        ind.validate_link(WAIT, CSAT)
    with pytest.raises(InvalidInput):
        ind.validate_link(CSAT, CSAT)


def test_spearman_with_fisher_ci_matches_hand_computation():
    # d = (-1, 1, -1, 1, 0): rho = 1 - 6*4 / (5*24) = 0.8; z = atanh(0.8), se = sqrt(1.06/2)
    got = ind.spearman_ci(pd.Series([1, 2, 3, 4, 5]), pd.Series([2, 1, 4, 3, 5]))
    assert got["rho"] == pytest.approx(0.8)
    assert got["low"] == pytest.approx(-0.3167, abs=1e-3)
    assert got["high"] == pytest.approx(0.9874, abs=1e-3)
    assert got["n"] == 5


def test_spearman_needs_four_pairs():
    assert math.isnan(ind.spearman_ci(pd.Series([1, 2, 3]), pd.Series([3, 2, 1]))["rho"])


def test_lagged_correlation_finds_the_lag_the_driver_leads_by():
    driver = [3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5]
    kpi = [50.0] + [2 * d for d in driver[:-1]]
    values = pd.concat([_values("wait", driver), _values("csat", kpi)])
    result = ind.analyse_link("csat", "wait", values)
    lags = result.lags.set_index("lag")
    assert lags.loc[1, "rho"] == pytest.approx(1.0)
    assert lags.loc[1, "n"] == 9
    assert abs(lags.loc[0, "rho"]) < 0.9
    assert list(lags.index) == [0, 1, 2, 3]


def test_elasticity_recovers_a_constant_elasticity_curve():
    driver = [1.0, 2.0, 3.0, 4.0, 6.0, 8.0]
    kpi = [3 * d**-0.5 for d in driver]
    result = ind.analyse_link(
        "csat", "wait", pd.concat([_values("wait", driver), _values("csat", kpi)])
    )
    assert result.elasticity["slope"] == pytest.approx(-0.5)
    assert result.correlation["rho"] == pytest.approx(-1.0)


def test_pairs_match_within_segments_only():
    values = pd.concat(
        [
            _values("wait", [1, 2, 3, 4], "west"),
            _values("csat", [9, 8, 7, 6], "west"),
            _values("csat", [1, 1, 1, 1], "east"),
        ]
    )
    pairs = ind.pair_series(
        values[values.indicator_key == "csat"], values[values.indicator_key == "wait"]
    )
    assert set(pairs["segment"]) == {"west"}
    assert len(pairs) == 4


def test_current_value_prefers_the_all_segment_then_the_mean_of_segments():
    values = pd.concat(
        [
            _values("csat", [80, 90], "all"),
            _values("csat", [10, 20], "west"),
            _values("wait", [1, 4], "west"),
            _values("wait", [1, 2], "east"),
        ]
    )
    now = ind.current_values(values).set_index("indicator_key")
    assert now.loc["csat", "value"] == 90
    assert now.loc["wait", "value"] == 3
    assert now.loc["wait", "period"] == pd.Timestamp("2026-02-01")


def test_tree_places_drivers_under_each_kpi_and_alerts_list_red_ones():
    nps = ind.Indicator("nps", "NPS", "KPI", "pts", "higher", 30.0, 10.0)
    loose = ind.Indicator("speed", "Speed", "KQI")
    links = pd.DataFrame({"kpi_key": ["csat", "nps"], "driver_key": ["wait", "wait"]})
    current = ind.current_values(
        pd.concat([_values("wait", [6.5]), _values("csat", [80]), _values("nps", [5])])
    )
    tree = ind.tree_frame([CSAT, nps, WAIT, loose], links, current).set_index("id")
    assert tree.loc["csat/wait", "parent"] == "csat"
    assert tree.loc["nps/wait", "status"] == "red"
    assert tree.loc["speed", "parent"] == ""
    alerts = ind.alerts_from([CSAT, nps, WAIT, loose], current)
    assert sorted(alerts["key"]) == ["nps", "wait"]
    assert np.isclose(alerts.set_index("key").loc["wait", "value"], 6.5)
