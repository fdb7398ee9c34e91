"""Open survey answers classified by the step 2 engine, in a real DuckDB file."""

from __future__ import annotations

import pandas as pd

from cxdash.demo.surveys import DEMO_TOKEN
from cxdash.storage.survey_responses import open_answers, submit_response
from cxdash.storage.surveys import create_survey
from cxdash.survey_text import category_shares, classify_open_answers
from cxdash.surveys import Question


def _open_answer(store, text):
    answers = pd.DataFrame([{"question_key": "comment", "value_text": text}])
    return submit_response(store, DEMO_TOKEN, answers)


def test_demo_open_answers_carry_step_2_categories(demo_store):
    found = open_answers(demo_store, 1)
    assert len(found) > 100 and found["category_origin"].notna().all()
    by_text = found.groupby("text")["category"].first()
    assert by_text["三月账单多扣了钱，还没退"].startswith("billing")
    assert "install" in by_text["师傅迟到了两天才来装宽带"]


def test_a_linked_answer_is_classified_and_a_person_label_is_kept(demo_store):
    response = _open_answer(demo_store, "账单多扣了钱，套餐费不对")
    pending = open_answers(demo_store, 1)
    assert pending["category_origin"].isna().sum() == 1
    with demo_store.transaction() as tx:
        tx.execute(
            "UPDATE survey_answers SET category = 'praise_staff', category_origin = 'human'"
            " WHERE response_id = (SELECT min(response_id) FROM survey_answers"
            " WHERE question_key = 'comment')"
        )
    assert classify_open_answers(demo_store, 1) > 100
    after = open_answers(demo_store, 1)
    assert after["category_origin"].notna().all()
    assert (after["category_origin"] == "human").sum() == 1
    sql = "SELECT category FROM survey_answers WHERE response_id = ?"
    assert demo_store.scalar(sql, [response]).startswith("billing")


def test_without_a_taxonomy_answers_are_marked_seen_but_not_placed(store):
    survey = create_survey(store, "Open", [Question("why", "open", "Why?")], token="tok-open")
    answers = pd.DataFrame([{"question_key": "why", "value_text": "slow install"}])
    submit_response(store, "tok-open", answers)
    assert classify_open_answers(store, survey) == 0
    found = open_answers(store, survey)
    assert found["category"].isna().all() and (found["category_origin"] == "none").all()


def test_category_shares_sum_to_one_largest_first():
    frame = pd.DataFrame({"category": ["a", "b", "a", None]})
    shares = category_shares(frame)
    assert list(shares["category"]) == ["a", "b", "—"]
    assert list(shares["answers"]) == [2, 1, 1] and shares["share"].sum() == 1.0
