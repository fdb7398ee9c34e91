"""Dates and ratings as exports write them: spec tables for the vectorised parsers."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.ingest.values import infer_rating_max, parse_dates, parse_ratings


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024/1/5", "2024-01-05 00:00:00"),
        ("2024-01-05 13:00", "2024-01-05 13:00:00"),
        ("2024-01-05T13:00:00", "2024-01-05 13:00:00"),
        ("2024年1月5日", "2024-01-05 00:00:00"),
        ("2024年1月5日 13时05分", "2024-01-05 13:05:00"),
        ("2024.1.5", "2024-01-05 00:00:00"),
        ("2024/01/05 13:00:05", "2024-01-05 13:00:05"),
        ("45296", "2024-01-05 00:00:00"),
        ("45296.5", "2024-01-05 12:00:00"),
        ("2024-01-05T13:00:00+08:00", "2024-01-05 13:00:00"),
        ("2024-01-05T13:00:00Z", "2024-01-05 13:00:00"),
        ("1704456000", "2024-01-05 12:00:00"),
        ("Jan 5, 2024", "2024-01-05 00:00:00"),
    ],
)
def test_date_layouts_are_read(cell, expected):
    parsed, failed = parse_dates(pd.Series([cell], dtype="str"))
    assert str(parsed.iloc[0]) == expected
    assert not failed.iloc[0]


def test_mixed_layouts_in_one_column_and_failures_are_marked():
    cells = [
        "2024/1/5",
        "2024-01-05 13:00",
        "2024年1月5日",
        "45296",
        "soon",
        "2024-13-45",
        None,
        " ",
    ]
    parsed, failed = parse_dates(pd.Series(cells, dtype="str"))
    assert parsed.iloc[:4].dt.date.astype(str).tolist() == ["2024-01-05"] * 4
    assert failed.tolist() == [False, False, False, False, True, True, False, False]
    assert parsed.iloc[6:].isna().all()


def test_mixed_time_zone_offsets_keep_their_wall_clock_time():
    cells = ["2024-01-05T13:00:00+08:00", "2024-01-05T09:30:00-05:00", "2024-01-06 08:00"]
    parsed, failed = parse_dates(pd.Series(cells, dtype="str"))
    assert parsed.astype(str).tolist() == [
        "2024-01-05 13:00:00",
        "2024-01-05 09:30:00",
        "2024-01-06 08:00:00",
    ]
    assert not failed.any()


@pytest.mark.parametrize(
    ("cell", "value", "scale"),
    [
        ("4", 4.0, None),
        ("4.5", 4.5, None),
        ("五星", 5.0, 5.0),
        ("三星", 3.0, 5.0),
        ("5 stars", 5.0, 5.0),
        ("1 star", 1.0, 5.0),
        ("4/5", 4.0, 5.0),
        ("8/10", 8.0, 10.0),
        ("7 out of 10", 7.0, 10.0),
        ("★★★★", 4.0, 5.0),
        ("★★★☆☆", 3.0, 5.0),
        ("4分", 4.0, None),
        ("80%", 80.0, 100.0),
        ("满意", 4.0, 5.0),
        ("非常不满意", 1.0, 5.0),
    ],
)
def test_ratings_written_as_text_are_read(cell, value, scale):
    ratings = parse_ratings(pd.Series([cell], dtype="str"))
    assert ratings.value.iloc[0] == value
    assert (pd.isna(ratings.scale.iloc[0]) and scale is None) or ratings.scale.iloc[0] == scale
    assert not ratings.failed.iloc[0]


def test_unreadable_ratings_are_marked_and_empty_ones_are_not():
    ratings = parse_ratings(pd.Series(["great", None, "", "3"], dtype="str"))
    assert ratings.failed.tolist() == [True, False, False, False]
    assert ratings.value.isna().tolist() == [True, True, True, False]


@pytest.mark.parametrize(
    ("cells", "chosen", "expected"),
    [
        (["1", "3", "5"], None, 5.0),
        (["0", "6", "10"], None, 10.0),
        (["35", "90"], None, 100.0),
        (["1", "3"], 10.0, 10.0),
    ],
)
def test_rating_scale_is_inferred_or_taken_from_the_user(cells, chosen, expected):
    scale = infer_rating_max(parse_ratings(pd.Series(cells, dtype="str")), chosen)
    assert scale.tolist() == [expected] * len(cells)


def test_a_cell_that_names_its_scale_keeps_it():
    scale = infer_rating_max(parse_ratings(pd.Series(["4/5", "8", None], dtype="str")))
    assert scale.iloc[0] == 5.0
    assert scale.iloc[1] == 10.0
    assert pd.isna(scale.iloc[2])
