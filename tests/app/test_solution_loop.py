"""A TOP key point turned into a solution in AppTest: draft, evidence, sample, monitoring."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from cxdash.keypoints import top_key_points
from cxdash.sampling import plan_proportion
from cxdash.solutions import solution_from_record
from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.indicators import list_indicators
from cxdash.storage.solutions import list_solutions, load_solution
from tests.conftest import APP


def _open(db_path, fn):
    store = open_store(db_path)
    try:
        return fn(store)
    finally:
        store.close()


def _top(store):
    return top_key_points(store, current_cycle_id(store), 3)


def _solution(db_path, solution_id):
    return _open(db_path, lambda s: solution_from_record(load_solution(s, solution_id)))


def _page_with_params(params: dict[str, str], lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/solutions.py")
    at.run()
    return at


def test_key_points_page_links_each_point_to_a_prefilled_solution(demo_db, run_page):
    top = _open(demo_db, _top)
    at = run_page("pages/key_points.py", lang="en")
    at.selectbox(key="keypoints_solution").set_value(1).run()
    assert not at.exception, at.exception
    link = at.get("page_link")[0].proto
    second = top.iloc[1]
    assert link.page == "solutions"
    assert link.query_string == f"kp_tp={second['touchpoint']}&kp_cat={second['category']}"


def test_a_key_point_opens_a_draft_with_its_evidence_and_saves(demo_db):
    point = _open(demo_db, _top).iloc[0]
    before = len(_open(demo_db, lambda s: list_solutions(s, current_cycle_id(s))))
    at = _page_with_params({"kp_tp": point["touchpoint"], "kp_cat": point["category"]})
    assert not at.exception, at.exception
    assert "key point" in at.info[0].value
    scope = f"new_{point['touchpoint']}_{point['category']}"
    assert at.text_area(key=f"solution_problems_{scope}").value.startswith("TOP key point #1:")
    shown = next(d.value for d in at.dataframe if "matched" in d.value.columns)
    assert int(shown["matched"].iloc[0]) == int(point["volume"])
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and not at.error, at.error
    listing = _open(demo_db, lambda s: list_solutions(s, current_cycle_id(s)))
    assert len(listing) == before + 1
    saved = _solution(demo_db, int(listing["id"].max()))
    (evidence,) = saved.evidence
    assert evidence.kind == "key_point" and evidence.numbers["rank"] == 1
    assert evidence.reference["touchpoint"] == point["touchpoint"]
    assert evidence.numbers["matched"] == int(point["volume"]) and evidence.quotes


def test_an_unknown_key_point_is_refused_with_a_message(demo_db):
    at = _page_with_params({"kp_tp": "nowhere", "kp_cat": "nothing"}, lang="zh")
    assert not at.exception
    assert "nowhere" in at.error[0].value


def _add(at, kind, picks, button):
    at.button_group(key="evidence_kind").set_value(kind).run()
    for key, value in picks.items():
        at.selectbox(key=key).set_value(value).run()
    at.button(key=button).click().run()
    assert not at.exception and not at.error, (at.exception, at.error)


def test_evidence_from_category_key_point_survey_and_indicator(demo_db, run_page):
    at = run_page("pages/solutions.py", lang="en")
    at.selectbox(key="solution_pick").set_value(2).run()
    count = len(_solution(demo_db, 2).evidence)
    point = _open(demo_db, _top).iloc[2]
    _add(at, "category", {"evidence_category": point["category"]}, "evidence_add_category")
    _add(at, "key_point", {"evidence_key_point": 3}, "evidence_add_key_point")
    _add(at, "survey_result", {"evidence_question": "installation_csat"}, "evidence_add_survey")
    key = _open(demo_db, list_indicators)[0].key
    _add(at, "indicator", {"evidence_indicator": key}, "evidence_add_indicator")
    added = _solution(demo_db, 2).evidence[count:]
    assert [e.kind for e in added] == ["category", "key_point", "survey_result", "indicator"]
    category, point_ev, survey, indicator = added
    assert category.numbers["matched"] >= point_ev.numbers["matched"] > 0
    assert point_ev.reference["touchpoint"] == point["touchpoint"]
    assert point_ev.reference["category"] == point["category"]
    assert survey.numbers["low"] < survey.numbers["value"] < survey.numbers["high"]
    assert survey.numbers["n"] > 0 and survey.reference["question"] == "installation_csat"
    assert indicator.reference["indicator"] == key and indicator.numbers["monthly"]


def test_sample_size_from_the_planner_and_monitoring_from_the_tree(demo_db, run_page):
    tree = _open(demo_db, list_indicators)
    at = run_page("pages/solutions.py", lang="en")
    at.selectbox(key="solution_pick").set_value(2).run()
    at.number_input(key="plan_margin").set_value(4.0).run()
    at.button(key="solution_use_sample").click().run()
    expected = plan_proportion(0.04, 0.5).n
    assert at.number_input(key="solution_sample_size_2").value == expected
    picked = [(tree[0].kind, tree[0].name), (tree[1].kind, tree[1].name)]
    at.multiselect(key="solution_tree_indicators_2").set_value(picked)
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and not at.error, at.error
    saved = _solution(demo_db, 2)
    assert saved.verification.sample_size == expected
    names = [(m.family, m.name) for m in saved.monitoring]
    assert names[:2] == picked and len(names) == len(set(names))
