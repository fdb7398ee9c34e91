"""The service-quality pages in AppTest: empty states, the demo, and the main flows."""

from __future__ import annotations

import pandas as pd

from cxdash import complaints as cp
from cxdash.storage import open_store
from cxdash.storage import tickets as saved_tickets
from cxdash.ui.quality_widgets import percent

INDICATORS = "pages/indicators.py"
COMPLAINTS = "pages/complaints.py"
AT_RISK = "pages/at_risk.py"


def _frame_with(at, column: str) -> pd.DataFrame:
    """Return the first dataframe on the page that has the column."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no dataframe with column {column}")


def test_indicator_page_empty_state_says_what_to_do(db_path, run_page):
    at = run_page(INDICATORS, lang="en")
    assert any("Define" in info.value for info in at.info)


def test_define_two_indicators_and_link_them(db_path, run_page):
    at = run_page(INDICATORS, lang="en")
    for key, name, kind in (("csat", "CSAT", "KPI"), ("wait", "Wait", "KCI")):
        at.text_input(key="ind_key").set_value(key)
        at.text_input(key="ind_name").set_value(name)
        at.selectbox(key="ind_kind").set_value(kind)
        at.button[0].click()
        at.run()
    assert not at.exception
    at.button(key="add_link").click()
    at.run()
    assert _frame_with(at, "driver_key").values.tolist() == [["csat", "wait"]]


def test_bad_indicator_key_shows_a_translated_error(db_path, run_page):
    at = run_page(INDICATORS, lang="en")
    at.text_input(key="ind_key").set_value("Bad Key!")
    at.text_input(key="ind_name").set_value("x")
    at.button[0].click()
    at.run()
    assert any("not valid" in e.value for e in at.error)


def test_demo_tree_shows_status_and_the_alert(demo_db, run_page):
    at = run_page(INDICATORS, lang="en")
    tree = _frame_with(at, "status")
    statuses = dict(zip(tree["key"], tree["status"], strict=False))
    assert statuses["first_response"] == "Threshold crossed"
    assert any("First response" in e.value for e in at.error)


def test_demo_link_analysis_shows_correlation_and_caution(demo_db, run_page):
    at = run_page(INDICATORS, lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["Spearman correlation"]) < -0.5
    assert any("not causation" in w.value for w in at.warning)


def test_complaints_empty_state(db_path, run_page):
    at = run_page(COMPLAINTS, lang="zh")
    assert any("工单" in info.value for info in at.info)


def test_complaints_demo_metrics_match_the_core(demo_db, run_page):
    at = run_page(COMPLAINTS, lang="en")
    metrics = {m.label: m.value for m in at.metric}
    store = open_store(demo_db)
    expected = cp.stage_metrics(saved_tickets.load_tickets(store))
    store.close()
    assert metrics["Root-cause coverage"] == percent(expected.root_cause_coverage)
    assert metrics["Tickets"] == "3,000"
    assert len(_frame_with(at, "problem")) > 0


def test_complaints_split_by_region_and_record_root_cause(demo_db, run_page):
    at = run_page(COMPLAINTS, lang="en")
    at.text_input(key="cause_ticket").set_value("T00002")
    at.text_area(key="cause_text").set_value("Cable cut by roadworks")
    at.selectbox(key="cause_category").set_value("broadband_outage")
    form_buttons = [b for b in at.button if b.label == "Save root cause"]
    form_buttons[0].click()
    at.run()
    assert not at.exception
    store = open_store(demo_db)
    row = store.df("SELECT root_cause, root_cause_category FROM tickets WHERE ticket_id = 'T00002'")
    store.close()
    assert row.iloc[0].tolist() == ["Cable cut by roadworks", "broadband_outage"]


def test_at_risk_empty_state(db_path, run_page):
    at = run_page(AT_RISK, lang="en")
    assert any("customer table" in info.value for info in at.info)


def test_at_risk_train_on_demo_shows_evidence_and_list(demo_db, run_page):
    at = run_page(AT_RISK, lang="en")
    assert any("No model yet" in info.value for info in at.info)
    at.button(key="train").click()
    at.run(timeout=300)
    assert not at.exception
    [status] = at.status
    assert status.state == "complete"
    assert status.label.startswith("Trained in ")
    assert at.get("progress")[0].value == 100
    steps = [c.value for c in status.caption]
    assert [s.split(":")[0] for s in steps] == [f"Step {i}" for i in range(1, 6)]
    comparison = _frame_with(at, "roc_auc")
    assert len(comparison) == 2
    assert float(comparison["roc_auc"].max()) > 0.6
    repairs = _frame_with(at, "vetoed_by")
    assert len(repairs) >= 250
    assert repairs["vetoed_by"].notna().sum() > 0
    assert isinstance(repairs, pd.DataFrame)


def test_at_risk_training_on_too_few_labels_ends_in_a_translated_error(db_path, run_page):
    from cxdash.storage.customers import save_customer_table

    rows = 30
    frame = pd.DataFrame(
        {
            "id": [f"c{i}" for i in range(rows)],
            "churn": pd.array([i % 2 for i in range(rows)], dtype="Int64"),
            "plan": ["a", "b", "c"] * (rows // 3),
        }
    )
    store = open_store(db_path)
    save_customer_table(store, "small.csv", frame, "id", "churn")
    store.close()
    at = run_page(AT_RISK, lang="en")
    at.button(key="train").click()
    at.run(timeout=120)
    assert not at.exception
    [status] = at.status
    assert status.state == "error"
    assert status.label == "Training did not finish."
    assert any("Only 30 customers are labelled" in e.value for e in at.error)
    assert any("No model yet" in info.value for info in at.info)


def test_current_cycle_survey_scores_appear_in_the_tree(db_path, run_page):
    from tests.storage.test_quality_storage import _survey_with_answers

    store = open_store(db_path)
    survey = _survey_with_answers(store)
    store.close()
    at = run_page(INDICATORS, lang="en")
    assert not at.exception
    tree = _frame_with(at, "status").set_index("key")
    assert tree.loc[f"s{survey}_nps", "kind"] == "KQI"
    assert round(tree.loc[f"s{survey}_nps", "value"], 1) == 0.0
    assert any("1 of them are KQIs" in c.value for c in at.caption)
