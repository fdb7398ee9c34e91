"""Column mapping for tickets, indicator values and customer labels: suggestions and problems."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.quality_mapping import (
    apply_mapping,
    check_customer_mapping,
    parse_labels,
    suggest_customer_columns,
    suggest_mapping,
)


def test_chinese_ticket_headers_are_recognised():
    headers = ["工单号", "受理时间", "工单状态", "地区", "备注"]
    mapping = suggest_mapping(headers, "tickets")
    assert mapping["ticket_id"] == "工单号"
    assert mapping["opened_at"] == "受理时间"
    assert mapping["status"] == "工单状态"
    assert mapping["region"] == "地区"
    assert mapping["root_cause"] is None


def test_every_problem_is_listed_with_its_row_and_clean_rows_pass():
    frame = pd.DataFrame(
        {
            "id": ["T1", "T2", "T3", ""],
            "opened": ["2026-01-02 10:00", "not a date", "2026-01-03", "2026-01-04"],
            "status": ["closed", "open", "", "open"],
            "contacts": ["1", "x", "2", "1"],
        }
    )
    mapping = {"ticket_id": "id", "opened_at": "opened", "status": "status", "contacts": "contacts"}
    mapped = apply_mapping(frame, mapping, "tickets")
    found = {(p.row, p.field, p.key) for p in mapped.problems}
    assert found == {
        (2, "opened_at", "quality.problem_datetime"),
        (2, "contacts", "quality.problem_int"),
        (3, "status", "quality.problem_blank"),
        (4, "ticket_id", "quality.problem_blank"),
    }
    assert list(mapped.frame["ticket_id"]) == ["T1"]
    assert mapped.frame["opened_at"].iloc[0] == pd.Timestamp("2026-01-02 10:00")


def test_missing_required_field_is_refused():
    with pytest.raises(InvalidInput) as err:
        apply_mapping(pd.DataFrame({"a": ["1"]}), {"indicator": "a"}, "indicator_values")
    assert err.value.key == "quality.map_missing"
    assert "period" in err.value.params["fields"]


def test_labels_accept_yes_no_in_both_languages_and_flag_the_rest():
    labels, problems = parse_labels(pd.Series(["Yes", "no", "是", "否", "", "maybe", "1"]))
    assert labels.tolist()[:4] == [1, 0, 1, 0]
    assert pd.isna(labels.iloc[4])
    assert labels.iloc[6] == 1
    assert [(p.row, p.value) for p in problems] == [(6, "maybe")]


def test_ibm_style_headers_suggest_id_and_label():
    assert suggest_customer_columns(["customerID", "gender", "tenure", "Churn"]) == (
        "customerID",
        "Churn",
    )


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"ticket_id": "id", "opened_at": "nope", "status": "status"}, "import.unknown_column"),
        ({"ticket_id": "id", "opened_at": "id", "status": "status"}, "import.column_twice"),
        ({"ticket_id": "id", "opened_at": "o", "mood": "o"}, "import.unknown_field"),
    ],
)  # fmt: skip
def test_ticket_mapping_is_checked_by_the_import_rules(mapping, key):
    frame = pd.DataFrame({"id": ["T1"], "o": ["2026-01-02"], "status": ["open"]})
    with pytest.raises(InvalidInput) as err:
        apply_mapping(frame, mapping, "tickets")
    assert err.value.key == key


def test_ticket_dates_are_read_like_the_feedback_import():
    frame = pd.DataFrame(
        {"id": ["T1", "T2"], "o": ["2026年3月1日 8时05分", "45717"], "status": ["open", "open"]}
    )
    mapping = {"ticket_id": "id", "opened_at": "o", "status": "status"}
    mapped = apply_mapping(frame, mapping, "tickets")
    assert not mapped.problems
    assert list(mapped.frame["opened_at"]) == [
        pd.Timestamp("2026-03-01 08:05"),
        pd.Timestamp("2025-03-01"),  # Excel serial day 45717
    ]


def test_customer_mapping_needs_an_id_and_distinct_id_and_label():
    headers = ["customerID", "Churn", "tenure"]
    assert check_customer_mapping(headers, "customerID", None) == {"customer_id": "customerID"}
    with pytest.raises(InvalidInput) as err:
        check_customer_mapping(headers, None, "Churn")
    assert err.value.key == "quality.map_missing"
    assert err.value.params["fields"] == "customer_id"
    with pytest.raises(InvalidInput) as err:
        check_customer_mapping(headers, "Churn", "Churn")
    assert err.value.key == "import.column_twice"
