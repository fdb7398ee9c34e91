"""The loop between steps in AppTest: key points into surveys, open answers classified, KANO."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from cxdash.demo.surveys import DEMO_TOKEN
from cxdash.i18n import label
from cxdash.keypoints import top_key_points
from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.kano import study_surveys
from cxdash.storage.survey_responses import submit_response
from cxdash.storage.surveys import list_surveys, survey_questions
from tests.conftest import APP


def _top(db_path, n=2):
    store = open_store(db_path)
    try:
        return top_key_points(store, current_cycle_id(store), n)
    finally:
        store.close()


def test_builder_adds_questions_for_picked_top_key_points(demo_db, run_page):
    top = _top(demo_db)
    at = run_page("pages/surveys.py", lang="en")
    at.text_input(key="new_name").input("Key points round")
    at.multiselect(key="new_key_points").set_value([1, 2]).run()
    assert not at.exception, at.exception
    preview = next(d.value for d in at.dataframe if "Question" in d.value.columns)
    assert len(preview) == 6
    first = label("category", top["category"].iloc[0], "en")
    assert first in preview["Question"].iloc[0]
    at.checkbox(key="new_nps").check().run()
    at.button(key="create_survey").click().run()
    assert not at.exception, at.exception
    store = open_store(demo_db)
    surveys = list_surveys(store)
    new = int(surveys.loc[surveys["name"] == "Key points round", "id"].item())
    questions = survey_questions(store, new)
    store.close()
    assert [q.qtype for q in questions] == ["csat", "ces", "open"] * 2 + ["nps"]
    assert [q.touchpoint for q in questions[:6:3]] == list(top["touchpoint"])


def test_builder_without_key_points_says_so(db_path, run_page):
    at = run_page("pages/surveys.py", lang="zh")
    assert not at.exception, at.exception
    assert any("关键点" in c.value for c in at.caption)


def test_results_show_open_answer_categories_and_classify_new_ones(demo_db, run_page):
    store = open_store(demo_db)
    submit_response(
        store, DEMO_TOKEN, pd.DataFrame([{"question_key": "comment", "value_text": "账单多扣钱"}])
    )
    store.close()
    at = run_page("pages/survey_results.py", lang="en")
    assert "1 open answers are not classified yet." in [i.value for i in at.info]
    at.button(key="classify_open").click().run()
    assert not at.exception, at.exception
    assert not any("not classified" in i.value for i in at.info)
    shares = next(d.value for d in at.dataframe if "Share" in d.value.columns)
    assert abs(shares["Share"].sum() - 1) < 1e-9
    assert label("category", "billing_error", "en") in set(shares["Category"])
    table = next(d.value for d in at.dataframe if "Answer" in d.value.columns)
    mine = table[table["Answer"] == "账单多扣钱"]
    assert mine["Category"].iloc[0].strip() != ""


def test_a_kano_study_is_answered_through_its_survey_link(db_path, run_page):
    at = run_page("pages/kano.py", lang="en")
    at.text_input(key="kano_new_name").input("Needs 2026")
    at.button(key="kano_create").click().run()
    at.text_area(key="kano_features_1").input("E-invoice\nFamily data sharing")
    at.button(key="kano_save_features").click().run()
    at.checkbox(key="kano_survey_importance").check().run()
    at.button(key="kano_survey_create").click().run()
    assert not at.exception, at.exception
    assert any("/respond?s=" in c.value for c in at.code)
    store = open_store(db_path)
    token = study_surveys(store, 1)["public_token"].item()
    questions = survey_questions(store, 1)
    store.close()
    assert [q.qtype for q in questions] == ["kano", "kano"]
    assert questions[0].options[0] == "If E-invoice is provided, how do you feel?"

    for functional, dysfunctional in (("like", "dislike"), ("must", "dislike")):
        respond = AppTest.from_file(APP, default_timeout=60)
        respond.query_params.update({"lang": "en", "s": token})
        respond.run()
        respond.switch_page("pages/respond.py").run()
        respond.radio(key="answer_0_0").set_value(functional)
        respond.radio(key="answer_0_1").set_value(dysfunctional)
        respond.radio(key="answer_1_0").set_value("neutral")
        respond.button(key="respond_submit").click().run()
        assert "Family data sharing" in respond.warning[0].value
        respond.radio(key="answer_1_1").set_value("neutral")
        respond.button(key="respond_submit").click().run()
        assert not respond.exception and not respond.warning, respond.warning

    at = run_page("pages/kano.py", lang="en")
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "fong_threshold" in d.value.columns)
    rows = table.set_index("feature")
    assert rows.loc["E-invoice", "n"] == 2 and rows.loc["Family data sharing", "n"] == 2
    assert rows.loc["Family data sharing", "category"] == "I"
    assert rows.loc["E-invoice", "better"] == 0.5
