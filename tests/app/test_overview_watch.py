"""The Overview's watch list on the demo: survey tiles with CIs, indicator alerts, overdue items."""

from __future__ import annotations

from cxdash.headline import survey_scores
from cxdash.indicators import threshold_alerts
from cxdash.storage import open_store
from cxdash.storage.survey_kpis import cycle_survey_scores


def _expected(db):
    opened = open_store(db)
    try:
        return survey_scores(cycle_survey_scores(opened, 1)), threshold_alerts(opened)
    finally:
        opened.close()


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_demo_overview_shows_survey_tiles_alerts_and_overdue_items_in_english(demo_db, run_page):
    scores, alerts = _expected(demo_db)
    at = run_page("pages/overview.py", lang="en")
    assert not at.exception, at.exception
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Survey CSAT"] == f"{scores['csat'].value:.1f}%"
    assert tiles["Survey CES"] == f"{scores['ces'].value:.2f}"
    assert tiles["Survey NPS"] == "–"  # the demo's first-round touchpoint survey has no NPS
    csat = scores["csat"]
    ci = f"95% CI {csat.low:.1f}%–{csat.high:.1f}% · n = {csat.n:,}"
    assert ci in [c.value for c in at.caption]
    # cycle 2 is open and has no survey yet: the tiles say they come from cycle 1
    assert "**Survey scores of cycle 1 (none in this cycle yet; 95% CI)**" in [
        m.value for m in at.markdown
    ]
    shown = [e.value for e in at.error if e.value.startswith("Indicator alert")]
    assert len(shown) == len(alerts) >= 1
    texts = [x.value for x in at.text]
    assert all(any(x.startswith(name) for x in texts) for name in alerts["name"])
    late = _frame(at, "Days late")
    assert "上线计费变更的业务验收清单" in late["Item"].tolist()
    assert "Meeting: 账单错误改善方案沟通会" in late["From"].tolist()


def test_demo_overview_reads_in_chinese(demo_db, run_page):
    at = run_page("pages/overview.py", lang="zh")
    assert not at.exception, at.exception
    labels = [m.label for m in at.metric]
    assert {"调研 NPS", "调研 CSAT", "调研 CES"} <= set(labels)
    assert any(e.value.startswith("指标告警：") for e in at.error)
    assert any(w.value.startswith("截至 ") and "项逾期" in w.value for w in at.warning)
    assert "逾期天数" in _frame(at, "逾期天数").columns
