"""The overview as a first screen for step 1: counts, trend, channel mix, latest imports."""

from __future__ import annotations

from cxdash.storage import open_store
from cxdash.storage.feedback import insert_batch


def _batches(at):
    return next(d.value for d in at.dataframe if "file_name" in d.value.columns)


def test_overview_shows_trend_mix_and_latest_batch(demo_db, run_page):
    at = run_page("pages/overview.py", lang="en")
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # the loop picture, the weekly trend and the channel mix
    assert "Latest imports" in [s.value for s in at.subheader]
    batches = _batches(at)
    assert batches["file_name"].tolist() == ["demo-telecom-voc.csv"]
    assert batches["rows_imported"].tolist() == [20_000]


def test_overview_lists_a_new_import_first(demo_db, run_page):
    import pandas as pd

    store = open_store(demo_db)
    items = pd.DataFrame({"text": ["新的反馈"], "channel": ["hotline"]})
    insert_batch(store, items, {"file_name": "new.csv", "rows_imported": 1})
    store.close()
    at = run_page("pages/overview.py", lang="zh")
    assert not at.exception
    assert _batches(at)["file_name"].tolist()[0] == "new.csv"
    assert {m.label: m.value for m in at.metric}["反馈条数"] == "20,001"


def test_overview_on_an_empty_workspace_has_no_charts(db_path, run_page):
    at = run_page("pages/overview.py", lang="zh")
    assert not at.exception
    assert at.info and not at.get("plotly_chart")
