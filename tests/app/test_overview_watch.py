"""The Overview's watch list on the demo: survey tiles with CIs, indicator alerts, overdue items."""

from __future__ import annotations

import pandas as pd

from cxdash.headline import survey_scores
from cxdash.indicators import threshold_alerts
from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch
from cxdash.storage.survey_kpis import cycle_survey_scores
from cxdash.storage.survey_responses import import_responses
from cxdash.storage.surveys import create_survey
from cxdash.surveys import Question, parse_responses


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
    assert tiles["Survey NPS"] == f"{scores['nps'].value:+.0f}"
    csat, nps = scores["csat"], scores["nps"]
    captions = [c.value for c in at.caption]
    assert f"95% CI {csat.low:.1f}%–{csat.high:.1f}% · n = {csat.n:,}" in captions
    assert f"95% CI {nps.low:+.0f}–{nps.high:+.0f} · n = {nps.n:,}" in captions
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


def test_a_survey_without_an_nps_question_shows_a_dash_and_says_why(db_path, run_page):
    opened = open_store(db_path)
    question = Question("sat", "csat", "How satisfied are you?")
    survey_id = create_survey(opened, "CSAT only", [question], cycle_id=1)
    wide = pd.DataFrame({"id": ["a", "b", "c"], "sat": ["5", "4", "2"]})
    import_responses(opened, survey_id, *parse_responses(wide, [question]))
    insert_batch(opened, pd.DataFrame({"text": ["slow install"]}), {"file_name": "f.csv"})
    opened.close()
    at = run_page("pages/overview.py", lang="en")
    assert not at.exception, at.exception
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Survey NPS"] == tiles["Survey CES"] == "–"
    assert tiles["Survey CSAT"] == "66.7%"
    assert [c.value for c in at.caption].count("These surveys do not ask it.") == 2
