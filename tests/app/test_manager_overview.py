"""The manager's block on the Overview: KPI tiles with CIs, pain points and verified wins."""

from __future__ import annotations


def test_demo_overview_shows_kpi_tiles_with_intervals(demo_db, run_page):
    at = run_page("pages/overview.py", lang="en")
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["Complaints per day"]) > 0
    assert metrics["CSAT (share of 4–5)"].endswith("%")
    assert any("95% CI" in c.value for c in at.caption)


def test_demo_overview_lists_pain_points_and_the_verified_billing_win(demo_db, run_page):
    at = run_page("pages/overview.py", lang="zh")
    assert any("第 1 轮" in s.value for s in at.success)
    assert any("Billing-error fix" in t.value for t in at.text)
    pain = next(d.value for d in at.dataframe if "file_name" not in d.value.columns)
    assert pain.iloc[0, 0] == "billing_error" or len(pain) == 5


def test_empty_overview_keeps_its_empty_state(db_path, run_page):
    at = run_page("pages/overview.py", lang="en")
    assert not at.exception
    assert any("Import" in info.value for info in at.info)
