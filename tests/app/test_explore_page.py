"""The explorer page in AppTest: empty state, filters change the count, paging, errors."""

from __future__ import annotations

import re
from datetime import date

PAGE = "pages/feedback.py"


def _matching(at) -> int:
    text = next(m.value for m in at.markdown if m.value.startswith("Matching"))
    return int(re.search(r"Matching: ([\d,]+) items", text).group(1).replace(",", ""))


def _page_caption(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Rows "))


def test_empty_workspace_says_what_to_do(db_path, run_page):
    at = run_page(PAGE, lang="en")
    assert not at.exception
    assert any("Import" in info.value for info in at.info)
    assert not at.dataframe


def test_demo_workspace_shows_all_items_paged(demo_db, run_page):
    at = run_page(PAGE, lang="en")
    assert not at.exception
    assert _matching(at) == 20_000
    assert _page_caption(at) == "Rows 1–50 of 20,000 (page 1 of 400)"
    table = at.dataframe[0].value
    assert len(table) == 50
    assert table["received_at"].is_monotonic_decreasing
    assert {d.key for d in at.get("download_button")} == {"download_csv", "download_xlsx"}


def test_channel_and_segment_filters_narrow_the_count(demo_db, run_page):
    at = run_page(PAGE, lang="en")
    at.multiselect(key="channel").select("store").run()
    stores = _matching(at)
    assert 0 < stores < 20_000
    assert set(at.dataframe[0].value["channel"]) == {"Store"}
    at.multiselect(key="segment").select("enterprise").run()
    assert 0 < _matching(at) < stores
    at.button(key="clear_filters").click().run()
    assert _matching(at) == 20_000


def test_text_search_and_dates_filter(demo_db, run_page):
    at = run_page(PAGE, lang="en")
    at.text_input(key="q").input("5.0").run()
    found = _matching(at)
    assert 0 < found < 20_000
    assert all("5.0" in text for text in at.dataframe[0].value["text"])
    at.date_input(key="from").set_value(date(2026, 3, 1)).run()
    at.date_input(key="to").set_value(date(2026, 3, 31)).run()
    assert _matching(at) < found


def test_a_hostile_search_matches_nothing_and_the_data_survives(demo_db, run_page):
    at = run_page(PAGE, lang="en")
    at.text_input(key="q").input("'; DROP TABLE feedback; --").run()
    assert not at.exception
    assert _matching(at) == 0
    assert any("No feedback matches" in w.value for w in at.warning)
    at.text_input(key="q").input("").run()
    assert _matching(at) == 20_000


def test_a_reversed_date_range_is_explained_not_applied(demo_db, run_page):
    at = run_page(PAGE, lang="en")
    at.date_input(key="from").set_value(date(2026, 5, 1)).run()
    at.date_input(key="to").set_value(date(2026, 4, 1)).run()
    assert not at.exception
    assert any("is after the end date" in e.value for e in at.error)
    assert _matching(at) == 20_000


def test_page_two_and_page_size_and_sorting(demo_db, run_page):
    at = run_page(PAGE, lang="en")
    first_ids = at.dataframe[0].value["id"].tolist()
    at.pagination(key="page").set_value(2).run()
    assert _page_caption(at) == "Rows 51–100 of 20,000 (page 2 of 400)"
    assert set(at.dataframe[0].value["id"]).isdisjoint(first_ids)
    at.selectbox(key="page_size").set_value(200).run()
    assert len(at.dataframe[0].value) == 200
    at.selectbox(key="sort").set_value("rating").run()
    at.toggle(key="descending").set_value(False).run()
    ratings = at.dataframe[0].value["rating"].dropna()
    assert ratings.is_monotonic_increasing and ratings.iloc[0] == 1


def test_a_filter_that_shrinks_the_result_returns_to_page_one(demo_db, run_page):
    at = run_page(PAGE, lang="en")
    at.pagination(key="page").set_value(300).run()
    at.multiselect(key="channel").select("complaint_escalation").run()
    assert not at.exception
    assert "(page 1 of" in _page_caption(at)


def test_chinese_labels_for_charts_and_values(demo_db, run_page):
    at = run_page(PAGE, lang="zh")
    assert at.title[0].value == "反馈浏览"
    assert "客服热线" in set(at.dataframe[0].value["channel"])
    assert at.multiselect(key="channel").format_func("hotline") == "客服热线"
