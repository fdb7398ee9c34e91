"""Explorer queries on a real DuckDB file: bound filters, server-side paging, chunked export."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.explore import make_filter
from cxdash.export import export_bytes
from cxdash.storage import explore as q
from cxdash.storage.feedback import insert_batch

INJECTION = "'; DROP TABLE feedback; --"


def _items(n: int = 30) -> pd.DataFrame:
    """Return n items over March 2026: channels and segments alternate, one per 12 hours."""
    return pd.DataFrame(
        {
            "source_id": [f"S{i:03d}" for i in range(n)],
            "received_at": pd.date_range("2026-03-01 06:00", periods=n, freq="12h"),
            "channel": [("hotline", "store", "app_feedback")[i % 3] for i in range(n)],
            "segment": [("consumer", "family")[i % 2] for i in range(n)],
            "tenure": ["new"] * n,
            "product": ["billing"] * n,
            "region": ["west"] * n,
            "text": [
                f"item {i} Billing ERROR" if i % 5 == 0 else f"item {i} 网速慢" for i in range(n)
            ],
            "rating": [float(i % 5 + 1) for i in range(n)],
            "customer_id": [f"C{i % 7}" for i in range(n)],
        }
    )


def _batch(rows: int) -> dict:
    return {"file_name": "t.csv", "rows_in_file": rows, "rows_imported": rows}


@pytest.fixture
def filled(store):
    insert_batch(store, _items(), _batch(30))
    return store


def test_where_clause_binds_every_value(store):
    flt = make_filter(
        start=date(2026, 3, 1), chosen={"channel": ["hotline", INJECTION]}, text=INJECTION
    )
    where, params = q.where_clause(flt)
    assert INJECTION not in where
    assert INJECTION in params and params[-1].startswith("(?i)")
    assert where.count("?") == len(params)


def test_counts_follow_each_filter(filled):
    assert q.count_items(filled, make_filter()) == 30
    assert q.count_items(filled, make_filter(chosen={"channel": ["hotline"]})) == 10
    both = make_filter(chosen={"channel": ["hotline", "store"], "segment": ["family"]})
    assert q.count_items(filled, both) == 10
    assert q.count_items(filled, make_filter(chosen={"region": ["east"]})) == 0


def test_date_range_includes_the_whole_last_day(filled):
    # Items at 06:00 and 18:00 each day from 1 March: 2 and 3 March hold 4 items.
    flt = make_filter(start=date(2026, 3, 2), end=date(2026, 3, 3))
    assert q.count_items(filled, flt) == 4


def test_text_search_is_a_case_insensitive_substring(filled):
    assert q.count_items(filled, make_filter(text="billing error")) == 6
    assert q.count_items(filled, make_filter(text="网速")) == 24
    assert q.count_items(filled, make_filter(text="%")) == 0
    assert q.count_items(filled, make_filter(text="_")) == 0


@pytest.mark.parametrize("hostile", [INJECTION, "' OR '1'='1", '"; SELECT 1; --', "%' --"])
def test_hostile_filters_match_nothing_and_the_table_survives(filled, hostile):
    flt = make_filter(text=hostile, chosen={"channel": [hostile]})
    assert q.count_items(filled, flt) == 0
    assert q.fetch_page(filled, flt, offset=0, limit=10, sort="id", descending=False).empty
    assert q.count_items(filled, make_filter()) == 30


def test_a_stored_hostile_text_is_found_literally(store):
    items = _items(3)
    items.loc[0, "text"] = INJECTION
    insert_batch(store, items, _batch(3))
    found = q.fetch_page(
        store, make_filter(text=INJECTION), offset=0, limit=5, sort="id", descending=False
    )
    assert found["text"].tolist() == [INJECTION]
    assert q.count_items(store, make_filter()) == 3


def test_paging_is_done_by_the_database(filled):
    flt = make_filter()
    first = q.fetch_page(filled, flt, offset=0, limit=7, sort="received_at", descending=False)
    second = q.fetch_page(filled, flt, offset=7, limit=7, sort="received_at", descending=False)
    last = q.fetch_page(filled, flt, offset=28, limit=7, sort="received_at", descending=False)
    assert len(first) == len(second) == 7 and len(last) == 2
    assert second["text"].str.extract(r"item (\d+)")[0].astype(int).tolist() == list(range(7, 14))
    assert set(first["id"]).isdisjoint(second["id"])


def test_sorting_on_a_whitelisted_column_both_ways(filled):
    flt = make_filter()
    down = q.fetch_page(filled, flt, offset=0, limit=30, sort="rating", descending=True)
    assert down["rating"].is_monotonic_decreasing
    up = q.fetch_page(filled, flt, offset=0, limit=30, sort="received_at", descending=False)
    assert up["received_at"].is_monotonic_increasing


@pytest.mark.parametrize("column", ["text; DROP TABLE feedback", "extra", "1"])
def test_sorting_outside_the_whitelist_is_refused(filled, column):
    with pytest.raises(InvalidInput) as caught:
        q.fetch_page(filled, make_filter(), offset=0, limit=5, sort=column, descending=False)
    assert caught.value.key == "explore.bad_sort"


def test_volume_by_week_uses_monday_buckets(filled):
    weekly = q.volume_by_period(filled, make_filter(), "week", "channel")
    starts = sorted(weekly["period"].dt.date.unique())
    assert starts[0] == date(2026, 2, 23)  # 1 March 2026 is a Sunday
    assert all(d.weekday() == 0 for d in starts)
    assert weekly["items"].sum() == 30
    daily = q.volume_by_period(filled, make_filter(chosen={"channel": ["store"]}), "day", "segment")
    assert daily["items"].sum() == 10


def test_volume_refuses_unknown_periods_and_dimensions(filled):
    with pytest.raises(InvalidInput):
        q.volume_by_period(filled, make_filter(), "year", "channel")
    with pytest.raises(InvalidInput):
        q.volume_by_period(filled, make_filter(), "week", "text")


def test_top_values_distinct_values_and_ratings(filled):
    top = q.top_values(filled, make_filter(), "segment")
    assert dict(zip(top["key"], top["items"], strict=True)) == {"consumer": 15, "family": 15}
    values = q.distinct_values(filled)
    assert sorted(values["channel"]) == ["app_feedback", "hotline", "store"]
    assert values["region"] == ["west"]
    ratings = q.rating_counts(filled, make_filter())
    assert ratings["rating"].tolist() == [1, 2, 3, 4, 5]
    assert ratings["items"].tolist() == [6] * 5


def test_data_version_changes_with_every_import(filled):
    before = q.data_version(filled)
    insert_batch(filled, _items(3), _batch(3))
    assert q.data_version(filled) != before


def test_where_clause_leaves_out_undone_batches_by_bound_ids():
    where, params = q.where_clause(make_filter(), undone=(4, 9))
    assert "NOT IN (?, ?)" in where and params == [4, 9]


def test_items_of_an_undone_batch_are_left_out(filled):
    batch = insert_batch(filled, _items(6), _batch(6))
    assert q.count_items(filled, make_filter()) == 36
    with filled.transaction() as tx:
        tx.execute(
            "UPDATE import_batches SET undone_at = ? WHERE id = ?", [datetime(2026, 4, 1), batch]
        )
    assert q.count_items(filled, make_filter()) == 30
    assert q.recent_batches(filled)["undone"].tolist() == [True, False]


def test_export_streams_in_chunks_and_neutralises_formulas(store):
    items = _items(30)
    items.loc[3, "text"] = '=HYPERLINK("http://x","y")'
    insert_batch(store, items, _batch(30))
    chunks = list(q.iter_export(store, make_filter(), chunk_rows=2048))
    assert sum(len(c) for c in chunks) == 30
    assert list(chunks[0].columns) == list(q.EXPORT_COLUMNS)
    raw = export_bytes(q.iter_export(store, make_filter()), "csv")
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")
    assert ',"=HYPERLINK' not in raw.decode("utf-8-sig")


def test_export_of_nothing_still_has_the_header(filled):
    chunks = list(q.iter_export(filled, make_filter(text="no such words")))
    assert len(chunks) == 1 and chunks[0].empty
    assert list(chunks[0].columns) == list(q.EXPORT_COLUMNS)
