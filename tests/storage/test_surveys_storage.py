"""Surveys in a real DuckDB file: versions, tokens, one response per token, imports."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.storage.kano import add_answers, create_study, study_answers, study_features
from cxdash.storage.survey_responses import (
    import_responses,
    open_answers,
    response_counts,
    submit_response,
    survey_answers,
)
from cxdash.storage.surveys import (
    add_version,
    create_invitations,
    create_survey,
    get_survey,
    list_surveys,
    resolve_token,
    survey_questions,
)
from cxdash.surveys import Question, parse_responses

QUESTIONS = [
    Question(
        "install_csat", "csat", "How satisfied are you with the installation?", "installation"
    ),
    Question("install_ces", "ces", "How easy was it?", "installation"),
    Question("comment", "open", "Anything else?"),
]


def _answers(csat: float, text: str | None = None) -> pd.DataFrame:
    rows = [{"question_key": "install_csat", "value_num": csat, "value_text": None}]
    if text:
        rows.append({"question_key": "comment", "value_num": None, "value_text": text})
    return pd.DataFrame(rows)


def test_versions_keep_old_questions_readable(store):
    survey_id = create_survey(store, "Install check", QUESTIONS, cycle_id=1)
    assert get_survey(store, survey_id)["version"] == 1
    reworded = [Question("install_csat", "csat", "Rate the visit", "installation")]
    assert add_version(store, survey_id, reworded, "shorter") == 2
    keys = [q.key for q in survey_questions(store, survey_id)]
    assert keys[0] == "install_csat" and set(keys) == {"install_csat", "install_ces", "comment"}
    assert list_surveys(store)["version"].item() == 2


def test_public_link_takes_many_responses_and_personal_token_only_one(store):
    survey_id = create_survey(store, "S", QUESTIONS, cycle_id=1, one_per_token=True)
    public = get_survey(store, survey_id)["public_token"]
    submit_response(store, public, _answers(5, "<b>great</b>"))
    submit_response(store, public, _answers(2))
    [personal] = create_invitations(store, survey_id, 1, segment="family")
    submit_response(store, personal, _answers(4))
    assert resolve_token(store, personal)["used"] is True
    with pytest.raises(InvalidInput) as err:
        submit_response(store, personal, _answers(1))
    assert err.value.key == "surveys.already_answered"
    assert response_counts(store, survey_id) == {"responses": 3, "invited": 1, "answered": 1}
    assert list(open_answers(store, survey_id)["text"]) == ["<b>great</b>"]
    assert sorted(survey_answers(store, survey_id)["value_num"].dropna()) == [2, 4, 5]


def test_unknown_token_is_refused_and_nothing_written(store):
    with pytest.raises(InvalidInput):
        submit_response(store, "nope", _answers(3))
    assert store.scalar("SELECT count(*) FROM survey_responses") == 0


def test_wide_import_round_trip(store):
    survey_id = create_survey(store, "S", QUESTIONS, cycle_id=1)
    wide = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "region": ["west", "east", "west"],
            "How satisfied are you with the installation?": ["2", "5", "0"],
            "install_ces": ["6", "", "3"],
        }
    )
    people, answers = parse_responses(wide, QUESTIONS)
    assert import_responses(store, survey_id, people, answers) == 3
    stored = survey_answers(store, survey_id)
    assert len(stored) == 4  # the 0 ("not applicable") and the blank are not answers
    assert set(stored["region"]) == {"west", "east"}


def test_kano_answers_add_features(store):
    study = create_study(store, "Needs", 1)
    frame = pd.DataFrame(
        {
            "feature": ["e-invoice", "family sharing"],
            "functional": ["like"] * 2,
            "dysfunctional": ["dislike", "neutral"],
            "segment": ["family", None],
        }
    )
    assert add_answers(store, study, frame, "file.csv") == 2
    assert study_features(store, study) == ["e-invoice", "family sharing"]
    assert len(study_answers(store, study)) == 2


def test_an_anonymous_respondent_can_answer_and_do_nothing_else(store):
    from cxdash.access import CURRENT_ACTOR, Actor, Role
    from cxdash.errors import PermissionDenied

    survey_id = create_survey(store, "Open link", QUESTIONS, cycle_id=1)
    public = get_survey(store, survey_id)["public_token"]
    token = CURRENT_ACTOR.set(Actor("anonymous", Role.RESPONDENT))
    try:
        assert submit_response(store, public, _answers(4)) > 0
        with pytest.raises(PermissionDenied):
            create_survey(store, "Not allowed", QUESTIONS, cycle_id=1)
    finally:
        CURRENT_ACTOR.reset(token)
    assert store.scalar("SELECT count(*) FROM surveys") == 1
