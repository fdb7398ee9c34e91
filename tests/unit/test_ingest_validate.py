"""Validation collects every problem with its file row number, and marks the bad rows."""

from __future__ import annotations

import pandas as pd

from cxdash.ingest.mapping import apply_mapping
from cxdash.ingest.validate import HASH_FIELDS, convert, validate
from cxdash.storage.feedback import row_hashes


def _report(rows: list[dict[str, str | None]], known: set[str] | None = None, **options):
    frame = pd.DataFrame(rows, dtype="str")
    fields, _ = apply_mapping(frame, {c: c for c in frame.columns})
    converted = convert(fields, channel=options.get("channel"), rating_max=options.get("scale"))
    converted.items["row_hash"] = row_hashes(converted.items, HASH_FIELDS)
    report = validate(converted, fields, first_row=2, known_hashes=known or set())
    return converted, report


def test_every_problem_is_listed_with_its_row_number():
    _, report = _report(
        [
            {"text": "宽带很慢", "received_at": "2024/1/5", "rating": "五星"},
            {"text": None, "received_at": "someday", "rating": "7"},
            {"text": "账单多扣钱", "received_at": "2024-01-06", "rating": "great"},
            {"text": "宽带很慢", "received_at": "2024/1/5", "rating": "五星"},
            {"text": "ok", "received_at": "45296", "rating": "-1"},
        ],
        scale=5.0,
    )
    found = sorted((p.row, p.field, p.key.rsplit(".", 1)[1]) for p in report.problems)
    assert found == [
        (3, "rating", "rating_out_of_range"),
        (3, "received_at", "bad_date"),
        (3, "text", "missing_text"),
        (4, "rating", "bad_rating"),
        (5, None, "duplicate_in_file"),
        (6, "rating", "rating_out_of_range"),
    ]
    assert report.bad.tolist() == [False, True, True, True, True]
    assert report.bad_rows == 4
    assert report.counts()["import.problem.rating_out_of_range"] == 2
    duplicate = next(p for p in report.problems if p.key.endswith("duplicate_in_file"))
    assert duplicate.params == {"first": 2}
    bad_date = next(p for p in report.problems if p.key.endswith("bad_date"))
    assert bad_date.params["value"] == "someday"


def test_rows_already_in_the_workspace_are_flagged():
    converted, _ = _report([{"text": "a"}, {"text": "b"}])
    known = {converted.items["row_hash"].iloc[1]}
    _, report = _report([{"text": "a"}, {"text": "b"}], known=known)
    assert [(p.row, p.key) for p in report.problems] == [
        (3, "import.problem.duplicate_in_workspace")
    ]


def test_a_clean_file_has_no_problems_and_typed_items():
    converted, report = _report(
        [
            {"text": "Slow broadband", "received_at": "2024-01-05 13:00", "rating": "4/5",
             "kind": "投诉", "channel": None},
            {"text": "网速很快，点赞", "received_at": "2024年1月6日", "rating": "5",
             "kind": "praise", "channel": "app"},
        ],
        channel="hotline",
    )  # fmt: skip
    assert report.clean and report.bad_rows == 0
    items = converted.items
    assert items["channel"].tolist() == ["hotline", "app"]
    assert items["kind"].tolist() == ["problem", "praise"]
    assert items["lang"].tolist() == ["en", "zh"]
    assert items["rating_max"].tolist() == [5.0, 5.0]
    assert str(items["received_at"].iloc[1]) == "2024-01-06 00:00:00"


def test_unknown_kind_is_a_problem():
    _, report = _report([{"text": "x", "kind": "rant"}])
    assert [p.key for p in report.problems] == ["import.problem.bad_kind"]


def test_formula_and_script_text_pass_unchanged():
    texts = ['=HYPERLINK("http://x","y")', "<script>alert(1)</script>", "**bold** [l](http://x)"]
    converted, report = _report([{"text": s} for s in texts])
    assert report.clean
    assert converted.items["text"].tolist() == texts
