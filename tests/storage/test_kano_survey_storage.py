"""KANO answers given through a survey feed the study's analysis, next to imported ones."""

from __future__ import annotations

import pandas as pd

from cxdash.kano import analyse
from cxdash.question_bank import kano_questions
from cxdash.storage.kano import add_answers, create_study, study_answers, study_surveys
from cxdash.storage.survey_responses import submit_response
from cxdash.storage.surveys import create_survey


def _pair(key, functional, dysfunctional, importance=None):
    rows = [
        {"question_key": key, "item": "functional", "value_text": functional},
        {"question_key": key, "item": "dysfunctional", "value_text": dysfunctional},
    ]
    if importance is not None:
        rows.append({"question_key": key, "item": "importance", "value_num": importance})
    return rows


def test_survey_pairs_join_imported_answers_and_half_pairs_are_left_out(store):
    study = create_study(store, "Needs", 1)
    other = create_study(store, "Other", 1)
    questions = kano_questions(["E-invoice", "Data sharing"], "en", importance=True)
    create_survey(store, "KANO", questions, kano_study_id=study, token="kano-tok")
    create_survey(store, "Not KANO", questions, kano_study_id=other, token="other-tok")
    add_answers(
        store,
        study,
        pd.DataFrame([{"feature": "E-invoice", "functional": "must", "dysfunctional": "dislike"}]),
        "upload",
    )
    submit_response(store, "kano-tok", pd.DataFrame(_pair("kano_1", "like", "dislike", 4)))
    half = _pair("kano_1", "like", "dislike")[:1] + _pair("kano_2", "neutral", "neutral")
    submit_response(store, "kano-tok", pd.DataFrame(half), segment="family")
    submit_response(store, "other-tok", pd.DataFrame(_pair("kano_1", "like", "like")))
    answers = study_answers(store, study)
    assert len(answers) == 3
    from_survey = answers[answers["respondent"].str.startswith("survey-", na=False)]
    assert sorted(from_survey["feature"]) == ["Data sharing", "E-invoice"]
    assert from_survey.set_index("feature").loc["E-invoice", "importance"] == 4
    assert from_survey.set_index("feature").loc["Data sharing", "segment"] == "family"
    table = analyse(answers).set_index("feature")
    assert table.loc["E-invoice", "n"] == 2 and table.loc["E-invoice", "better"] == 0.5
    linked = study_surveys(store, study)
    assert list(linked["name"]) == ["KANO"] and list(linked["responses"]) == [2]
