"""The loop between steps in AppTest: key points into surveys, open answers classified, KANO."""

from __future__ import annotations

import pandas as pd

from cxdash.demo.surveys import DEMO_TOKEN
from cxdash.i18n import label
from cxdash.keypoints import top_key_points
from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.survey_responses import submit_response
from cxdash.storage.surveys import list_surveys, survey_questions


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
