"""Survey questions as KQI series: keys, hand-checked monthly scores, regions and merging."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.indicators import Indicator
from cxdash.survey_kpis import indicator_key, merge_indicators, merge_values, survey_indicators
from cxdash.surveys import Question

QUESTIONS = [
    Question("Install-CSAT", "csat", "Installation satisfaction", "installation"),
    Question("effort", "ces", "How easy was it?"),
    Question("comment", "open", "Anything else?"),
]


def _answers() -> pd.DataFrame:
    rows = [
        # response, question, value, submitted, region
        (1, "Install-CSAT", 5, "2026-01-03", "west"),
        (2, "Install-CSAT", 4, "2026-01-09", "west"),
        (3, "Install-CSAT", 3, "2026-01-20", "east"),
        (4, "Install-CSAT", 1, "2026-01-28", "east"),
        (5, "Install-CSAT", 5, "2026-02-02", "east"),
        (1, "effort", 2, "2026-01-03", "west"),
        (2, "effort", 6, "2026-01-09", "west"),
        (3, "comment", None, "2026-01-20", "east"),
    ]
    frame = pd.DataFrame(rows, columns=["response_id", "question_key", "value_num", "d", "region"])
    return frame.assign(
        item=None, value_text=None, submitted_at=pd.to_datetime(frame.pop("d")), segment=None
    )


def test_keys_are_valid_indicator_keys():
    assert indicator_key(3, "Install-CSAT") == "s3_install_csat"
    assert indicator_key(12, "满意度") == "s12_q"
    assert len(indicator_key(1, "x" * 80)) == 40


def test_scored_questions_become_kqis_with_hand_checked_monthly_values():
    inds, values = survey_indicators(7, "Touchpoints", QUESTIONS, _answers())
    assert [(i.key, i.kind, i.unit, i.direction) for i in inds] == [
        ("s7_install_csat", "KQI", "%", "higher"),
        ("s7_effort", "KQI", "1-7", "lower"),
    ]
    csat = values[values["indicator_key"] == "s7_install_csat"].set_index(["segment", "period"])
    jan, feb = pd.Timestamp("2026-01-01"), pd.Timestamp("2026-02-01")
    assert csat.loc[("all", jan), "value"] == pytest.approx(50.0)  # 5, 4 of 5, 4, 3, 1
    assert csat.loc[("all", feb), "value"] == pytest.approx(100.0)
    assert csat.loc[("west", jan), "value"] == pytest.approx(100.0)
    assert csat.loc[("east", jan), "value"] == pytest.approx(0.0)
    effort = values[values["indicator_key"] == "s7_effort"]
    assert effort.loc[effort["segment"] == "all", "value"].tolist() == [pytest.approx(4.0)]


def test_stored_definitions_and_values_win_over_computed_ones():
    inds, values = survey_indicators(7, "Touchpoints", QUESTIONS, _answers())
    adopted = Indicator("s7_install_csat", "Install CSAT", "KPI", "%", "higher", 85.0, 70.0)
    merged = merge_indicators([adopted], inds)
    assert [(i.key, i.kind) for i in merged] == [("s7_install_csat", "KPI"), ("s7_effort", "KQI")]
    stored = pd.DataFrame(
        {
            "indicator_key": ["s7_install_csat"],
            "period": [pd.Timestamp("2026-02-01")],
            "segment": ["all"],
            "value": [42.0],
        }
    )
    both = merge_values(stored, values)
    feb = both[(both["indicator_key"] == "s7_install_csat") & (both["segment"] == "all")]
    assert feb["value"].tolist() == [pytest.approx(50.0), 42.0]
