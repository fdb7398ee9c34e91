"""Survey definitions: question checks, the NPS warning, the question bank and imports."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.question_bank import nps_question, propose_for_key_points, propose_for_touchpoints
from cxdash.surveys import Question, check_questions, needs_nps_warning, parse_responses

TOUCHPOINTS = [
    {"key": "installation", "name_zh": "上门安装", "name_en": "Installation visit"},
    {"key": "store", "name_zh": "营业厅", "name_en": "Store visit"},
]


def test_bank_proposes_csat_ces_open_per_touchpoint_in_both_languages():
    en = propose_for_touchpoints(TOUCHPOINTS, "en")
    zh = propose_for_touchpoints(TOUCHPOINTS, "zh")
    assert [q.qtype for q in en] == ["csat", "ces", "open"] * 2
    assert "Store visit" in en[3].text and "营业厅" in zh[3].text
    assert check_questions(en) == en


def test_bank_takes_key_point_dicts():
    proposed = propose_for_key_points(
        [{"touchpoint": "installation", "label": "technician arrival"}], TOUCHPOINTS, "en"
    )
    assert proposed[0].touchpoint == "installation" and "technician arrival" in proposed[0].text


def test_nps_warning_only_on_first_round_touchpoint_surveys():
    qs = [nps_question("en")]
    assert needs_nps_warning(qs, "touchpoint", 1)
    assert not needs_nps_warning(qs, "touchpoint", 2)
    assert not needs_nps_warning(qs, "relationship", 1)
    assert not needs_nps_warning(propose_for_touchpoints(TOUCHPOINTS, "en"), "touchpoint", 1)


def test_bad_questions_are_all_listed():
    with pytest.raises(InvalidInput) as err:
        check_questions([Question("a", "single", "Pick"), Question("b", "csat", " ")])
    assert "1: options" in err.value.params["problems"]
    assert "2: text" in err.value.params["problems"]


def test_long_import_and_out_of_scale_rows():
    qs = [Question("q1", "nps", "Recommend?"), Question("q2", "open", "Why?")]
    long = pd.DataFrame(
        {
            "respondent": ["r1", "r1", "r2"],
            "question": ["q1", "Why?", "q1"],
            "value": ["9", "ok", "3"],
        }
    )
    people, answers = parse_responses(long, qs)
    assert list(people["respondent"]) == ["r1", "r2"]
    assert answers["value_text"].dropna().tolist() == ["ok"]
    bad = long.assign(value=["11", "ok", "x"])
    with pytest.raises(InvalidInput) as err:
        parse_responses(bad, qs)
    assert err.value.params["rows"] == "1, 3"


def test_bad_rows_can_be_skipped_explicitly():
    qs = [Question("q1", "nps", "Rating (Num)")]
    wide = pd.DataFrame({"ID": ["1", "2", "3"], "Rating (Num)": ["9", "#ERROR!", "3"]})
    with pytest.raises(InvalidInput):
        parse_responses(wide, qs)
    people, answers = parse_responses(wide, qs, skip_bad=True)
    assert list(answers["value_num"]) == [9.0, 3.0] and len(people) == 3
