"""The explorer's core rules: the filter, paging arithmetic, period bucketing and labels."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.explore import (
    MAX_SEARCH_CHARS,
    FeedbackFilter,
    check_choice,
    complete_periods,
    labelled_rows,
    make_filter,
    page_count,
    page_offset,
    search_condition,
    shares,
)


def test_make_filter_trims_dedupes_and_drops_empty_choices():
    flt = make_filter(
        text="  账单 ", chosen={"channel": ["hotline", "hotline", "store"], "region": None}
    )
    assert flt.channel == ("hotline", "store")
    assert flt.region == ()
    assert flt.text == "账单"
    assert flt.chosen() == {"channel": ("hotline", "store")}


def test_an_empty_filter_keeps_everything_and_any_choice_narrows_it():
    assert make_filter().is_everything()
    assert make_filter(text="   ").is_everything()
    assert not make_filter(start=date(2026, 1, 1)).is_everything()
    assert not make_filter(chosen={"segment": ["family"]}).is_everything()


def test_filter_is_hashable_so_it_can_key_a_cache():
    a = make_filter(chosen={"channel": ["store"]}, text="x")
    b = make_filter(chosen={"channel": ["store"]}, text="x")
    assert a == b and hash(a) == hash(b)
    assert len({a, b, make_filter()}) == 2


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"start": date(2026, 3, 2), "end": date(2026, 3, 1)}, "explore.bad_range"),
        ({"text": "x" * (MAX_SEARCH_CHARS + 1)}, "explore.search_too_long"),
        ({"chosen": {"colour": ["red"]}}, "explore.unknown_dimension"),
    ],
)
def test_bad_filters_raise_translated_errors(kwargs, key):
    with pytest.raises(InvalidInput) as caught:
        make_filter(**kwargs)
    assert caught.value.key == key


def test_a_one_day_range_is_allowed():
    day = date(2026, 3, 1)
    assert FeedbackFilter(start=day, end=day).start == day


@pytest.mark.parametrize(
    ("total", "size", "pages"),
    [(0, 50, 1), (1, 50, 1), (50, 50, 1), (51, 50, 2), (20_000, 25, 800)],
)
def test_page_count(total, size, pages):
    assert page_count(total, size) == pages


@pytest.mark.parametrize(
    ("page", "offset"), [(1, 0), (2, 50), (3, 100), (99, 100), (0, 0), (-4, 0)]
)
def test_page_offset_is_clamped_to_existing_pages(page, offset):
    assert page_offset(page, 50, 120) == offset


def test_check_choice_rejects_values_outside_the_whitelist():
    assert check_choice("week", ("day", "week"), "period") == "week"
    with pytest.raises(InvalidInput) as caught:
        check_choice("year; DROP", ("day", "week"), "period")
    assert caught.value.key == "explore.bad_period"


def test_complete_periods_fills_missing_weeks_with_zero():
    volume = pd.DataFrame(
        {
            "period": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-16"]),
            "key": ["hotline", "store", "hotline"],
            "items": [3, 1, 2],
        }
    )
    full = complete_periods(volume, "week")
    weeks = sorted(full["period"].dt.strftime("%Y-%m-%d").unique())
    assert weeks == ["2026-03-02", "2026-03-09", "2026-03-16"]
    gap = full[full["period"] == "2026-03-09"]
    assert gap["items"].tolist() == [0, 0]
    assert full["items"].sum() == 6
    assert len(full) == 6


def test_complete_periods_by_month_and_empty_input():
    volume = pd.DataFrame(
        {"period": pd.to_datetime(["2026-01-01", "2026-04-01"]), "key": ["a", "a"], "items": [5, 7]}
    )
    months = complete_periods(volume, "month")
    assert months["items"].tolist() == [5, 0, 0, 7]
    empty = complete_periods(volume.iloc[0:0], "day")
    assert empty.empty and list(empty.columns) == ["period", "key", "items"]


def test_complete_periods_rejects_an_unknown_period():
    with pytest.raises(InvalidInput):
        complete_periods(pd.DataFrame(columns=["period", "key", "items"]), "year")


def test_shares_sum_to_one_largest_first():
    out = shares(pd.DataFrame({"key": ["a", "b", "c"], "items": [1, 6, 3]}))
    assert out["key"].tolist() == ["b", "c", "a"]
    assert out["share"].tolist() == pytest.approx([0.6, 0.3, 0.1])


def test_labelled_rows_translates_dimension_keys_and_leaves_text_alone():
    rows = pd.DataFrame(
        {
            "channel": ["hotline", None],
            "text": ["hotline is slow", "<b>x</b>"],
            "rating": [1.0, None],
        }
    )
    shown = labelled_rows(rows, lambda dim, key: f"{dim}:{key}")
    assert shown["channel"].tolist()[0] == "channel:hotline"
    assert pd.isna(shown["channel"].tolist()[1])
    assert shown["text"].tolist() == ["hotline is slow", "<b>x</b>"]
    assert rows["channel"].tolist()[0] == "hotline"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("账单", ("contains", "账单")),
        (" 5.0 ", ("contains", "5.0")),
        ("Bill", ("regex", "(?i)Bill")),
        ("5.0 update", ("regex", r"(?i)5\.0\ update")),
        ("'; DROP", ("regex", r"(?i)';\ DROP")),
    ],
)
def test_search_condition_matches_literally_and_ignores_case_only_when_needed(text, expected):
    assert search_condition(text) == expected


def test_labelled_rows_shows_category_names_and_label_values():
    rows = pd.DataFrame(
        {
            "category": ["billing_error", "unknown_key", None],
            "category_origin": ["human", "model", None],
            "kind": ["need", "problem", None],
            "sentiment": ["negative", "positive", None],
        }
    )
    shown = labelled_rows(
        rows, lambda prefix, key: f"{prefix}:{key}", {"billing_error": "计费 › 多扣费"}
    )
    assert shown["category"].tolist()[:2] == ["计费 › 多扣费", "unknown_key"]
    assert shown["category_origin"].tolist()[:2] == ["origin:human", "origin:model"]
    assert shown["kind"].tolist()[:2] == ["import.kind:need", "import.kind:problem"]
    assert shown["sentiment"].tolist()[:2] == ["sentiment:negative", "sentiment:positive"]
    assert shown.iloc[2].isna().all()
