"""The KANO, survey builder, results and respondent pages in AppTest, empty and on the demo."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cxdash.storage import open_store
from cxdash.storage.surveys import list_surveys, survey_questions
from tests.conftest import APP


def _table(at: AppTest, column: str):
    """Return the first shown table that has the column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_builder_makes_a_csat_ces_survey_for_two_touchpoints(db_path, run_page):
    at = run_page("pages/surveys.py", lang="en")
    assert any("No survey yet" in i.value for i in at.info)
    at.text_input(key="new_name").input("Install and billing")
    at.multiselect(key="new_touchpoints").set_value(["installation", "billing"]).run()
    assert not at.warning
    at.checkbox(key="new_nps").check().run()
    assert "too early" in at.warning[0].value
    at.checkbox(key="new_nps").uncheck().run()
    at.button(key="create_survey").click().run()
    assert not at.exception, at.exception
    store = open_store(db_path)
    surveys = list_surveys(store)
    kinds = [q.qtype for q in survey_questions(store, int(surveys["id"].item()))]
    store.close()
    assert surveys["name"].item() == "Install and billing"
    assert kinds.count("csat") == 2 and kinds.count("ces") == 2 and "nps" not in kinds


def test_builder_in_chinese_proposes_chinese_questions(db_path, run_page):
    at = run_page("pages/surveys.py", lang="zh")
    at.text_input(key="new_name").input("安装")
    at.multiselect(key="new_touchpoints").set_value(["installation"]).run()
    at.button(key="create_survey").click().run()
    store = open_store(db_path)
    texts = [q.text for q in survey_questions(store, 1)]
    store.close()
    assert texts[0] == "您对本次上门安装的整体满意度如何？"


def test_results_on_demo_show_scores_with_ci_and_drivers(demo_db, run_page):
    at = run_page("pages/survey_results.py", lang="en")
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Responses"] == "420" and metrics["Response rate"] == "35.0%"
    scores = _table(at, "question")
    install = scores[scores["question"].str.contains("上门安装")].iloc[0]
    assert install["low"] < install["value"] < install["high"] and install["n"] == 420
    drivers = _table(at, "beta")
    assert set(drivers["driver"]) >= {"installation_csat", "billing_csat"}
    assert drivers["significant"].any()


def test_results_segment_tab_flags_the_west_for_installation(demo_db, run_page):
    at = run_page("pages/survey_results.py", lang="en")
    at.selectbox(key="segment_question").set_value("installation_csat").run()
    table = _table(at, "p_value").set_index("region")
    assert table.loc["west", "difference"] < -30 and table.loc["west", "p_value"] < 0.001


def test_results_empty_state(db_path, run_page):
    at = run_page("pages/survey_results.py", lang="zh")
    assert at.info and "问卷设计" in at.info[0].value


def test_kano_on_demo_ranks_the_must_be_first(demo_db, run_page):
    at = run_page("pages/kano.py", lang="en")
    assert not at.exception, at.exception
    table = _table(at, "fong_threshold")
    assert len(table) == 6
    ranked = _table(at, "reason")
    assert ranked.iloc[0]["category"] == "M" and "e-invoice" in ranked.iloc[0]["feature"]
    side = _table(at, "family · category")
    assert "family · category" in side.columns


def test_kano_empty_workspace_creates_a_study(db_path, run_page):
    at = run_page("pages/kano.py", lang="en")
    at.text_input(key="kano_new_name").input("Needs 2026")
    at.button(key="kano_create").click().run()
    assert not at.exception, at.exception
    assert any("No answers yet" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_respond_page_without_or_with_a_bad_token(db_path, lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["s"] = "no-such-token"
    at.run()
    at.switch_page("pages/respond.py").run()
    assert not at.exception, at.exception
    assert at.info
