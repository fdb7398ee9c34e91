"""The Verification page: the demo's saved verdict with its evidence, and a new run saved."""

from __future__ import annotations

import datetime as dt

from cxdash.storage import open_store
from cxdash.storage.verifications import list_verifications


def test_empty_workspace_says_to_import_first(db_path, run_page):
    at = run_page("pages/verify.py", lang="en")
    assert not at.exception
    assert any("Import" in info.value for info in at.info)


def test_demo_opens_the_billing_fix_with_verdict_and_evidence(demo_db, run_page):
    at = run_page("pages/verify.py", lang="en")
    assert not at.exception, at.exception
    assert any("Verified improvement" in s.value for s in at.success)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Before"] == "18.4%" and metrics["After"] == "10.8%"
    texts = " ".join(md.value for md in at.markdown)
    assert "Power" in texts and "Sample bias" in texts and "post-stratified" in texts
    assert at.dataframe[0].value.iloc[0, 0] == "Two-proportion z-test"


def test_demo_verdict_reads_in_chinese(demo_db, run_page):
    at = run_page("pages/verify.py", lang="zh")
    assert any("已验证改善" in s.value for s in at.success)


def test_new_verification_with_a_control_runs_did_and_is_saved(demo_db, run_page):
    at = run_page("pages/verify.py", lang="en")
    at.selectbox(key="verify_source").select_index(2)  # mean rating
    at.run()
    at.date_input(key="verify_change").set_value(dt.date(2026, 6, 15))
    at.selectbox(key="verify_dim").select_index(1)  # region
    at.run()
    at.selectbox(key="verify_treated").set_value("west")
    at.selectbox(key="verify_control").set_value("north")
    at.button(key="verify_run").click()
    at.run()
    assert not at.exception, at.exception
    table = at.dataframe[-1].value
    assert "Difference-in-differences (OLS, robust SE)" in table.iloc[:, 0].tolist()
    at.text_input(key="verify_title").set_value("Rating after the app release")
    at.button(key="verify_save").click()
    at.run()
    assert any("saved" in s.value for s in at.success)
    store = open_store(demo_db)
    try:
        assert "Rating after the app release" in list_verifications(store)["title"].tolist()
    finally:
        store.close()


def test_worst_unit_without_control_warns_about_regression_to_the_mean(demo_db, run_page):
    at = run_page("pages/verify.py", lang="en")
    at.selectbox(key="verify_source").select_index(3)  # CSAT
    at.run()
    at.selectbox(key="verify_dim").select_index(1)  # region
    at.run()
    at.selectbox(key="verify_treated").set_value("west")
    at.checkbox(key="verify_worst").check()
    at.button(key="verify_run").click()
    at.run()
    assert any("Regression to the mean" in w.value for w in at.warning)
