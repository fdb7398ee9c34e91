"""Evidence builders for a solution's data support, on the demo workspace."""

from __future__ import annotations

from datetime import date

import pytest

from cxdash.errors import InvalidInput
from cxdash.indicators import Indicator
from cxdash.keypoints import top_key_points
from cxdash.report import build_report
from cxdash.solution_evidence import (
    category_evidence,
    indicator_evidence,
    key_point_evidence,
    survey_result_evidence,
)
from cxdash.solutions import Evidence, Solution
from cxdash.storage import journey_data as data
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.indicators import list_indicators, load_values, save_indicator
from cxdash.storage.survey_responses import survey_answers
from cxdash.storage.surveys import survey_questions
from cxdash.survey_scores import question_scores


def test_category_and_key_point_numbers_match_the_journey_tables(demo_store):
    cycle = current_cycle_id(demo_store)
    rolled = data.rollup(demo_store, cycle)
    volumes = data.category_volumes(rolled).set_index("category")["volume"]
    point = top_key_points(demo_store, cycle, 1).iloc[0]
    category = category_evidence(demo_store, cycle, point["category"], "en")
    assert category["numbers"]["matched"] == volumes[point["category"]]
    assert category["numbers"]["total"] == int(data.score_totals(rolled)["items"])
    assert sum(category["numbers"]["monthly"].values()) <= category["numbers"]["matched"]
    found = key_point_evidence(demo_store, cycle, point["touchpoint"], point["category"], "zh")
    assert found["numbers"]["matched"] == point["volume"] and found["numbers"]["rank"] == 1
    assert 0 < len(found["quotes"]) <= 3
    with pytest.raises(InvalidInput):
        key_point_evidence(demo_store, cycle, "nowhere", point["category"], "en")
    with pytest.raises(InvalidInput):
        category_evidence(demo_store, cycle, "no_such_category", "en")


def test_survey_result_carries_the_score_and_its_interval(demo_store):
    table = question_scores(survey_answers(demo_store, 1), survey_questions(demo_store, 1))
    row = table[table["question_key"] == "billing_csat"].iloc[0]
    found = survey_result_evidence(demo_store, 1, "billing_csat")
    assert found["numbers"] == {
        "value": round(row["value"], 1),
        "low": round(row["low"], 1),
        "high": round(row["high"], 1),
        "n": int(row["n"]),
    }
    with pytest.raises(InvalidInput):
        survey_result_evidence(demo_store, 1, "comment")


def test_indicator_evidence_and_its_use_in_the_report(demo_store):
    key = list_indicators(demo_store)[0].key
    values = load_values(demo_store, [key])
    found = indicator_evidence(demo_store, key)
    latest = values[values["period"] == values["period"].max()]
    assert found["numbers"]["value"] == pytest.approx(latest["value"].mean(), abs=1e-3)
    save_indicator(demo_store, Indicator("empty_kpi", "Empty", "KPI"))
    with pytest.raises(InvalidInput):
        indicator_evidence(demo_store, "empty_kpi")
    solution = Solution("t", 1, problems=("p",), evidence=(Evidence(**found),))
    report = build_report([solution], "Report", "en", date(2026, 6, 1))
    assert found["label"] in str(report)
