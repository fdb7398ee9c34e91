"""Column mapping: suggestions from Chinese and English headers, checks, and extra columns."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.ingest.mapping import apply_mapping, check_mapping, parse_map_options, suggest_mapping

CFPB_HEADERS = [
    "Date received", "Product", "Sub-product", "Issue", "Sub-issue",
    "Consumer complaint narrative", "Company public response", "Company", "State", "ZIP code",
    "Tags", "Consumer consent provided?", "Submitted via", "Date sent to company",
    "Company response to consumer", "Timely response?", "Consumer disputed?", "Complaint ID",
]  # fmt: skip
TIPDM_HEADERS = ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "反对数", "点赞数"]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["投诉内容", "时间", "渠道", "用户", "评分"],
            {"text": "投诉内容", "received_at": "时间", "channel": "渠道",
             "customer_id": "用户", "rating": "评分"},
        ),
        (
            ["Comment", "Date", "Channel", "Customer", "Rating", "Segment"],
            {"text": "Comment", "received_at": "Date", "channel": "Channel",
             "customer_id": "Customer", "rating": "Rating", "segment": "Segment"},
        ),
        (
            ["内容", "日期", "客户类型", "地区", "产品", "工单号"],
            {"text": "内容", "received_at": "日期", "segment": "客户类型", "region": "地区",
             "product": "产品", "source_id": "工单号"},
        ),
        (["customer_id", "text", "received_at"],
         {"text": "text", "received_at": "received_at", "customer_id": "customer_id"}),
    ],
)  # fmt: skip
def test_suggestions_recognise_chinese_and_english_headers(headers, expected):
    assert suggest_mapping(headers) == expected


def test_suggestions_for_a_cfpb_export():
    assert suggest_mapping(CFPB_HEADERS) == {
        "text": "Consumer complaint narrative",
        "received_at": "Date received",
        "channel": "Submitted via",
        "product": "Product",
        "region": "State",
        "source_id": "Complaint ID",
        "category": "Issue",
    }


def test_suggestions_for_citizen_messages_put_the_detail_in_text_and_the_subject_beside_it():
    assert suggest_mapping(TIPDM_HEADERS) == {
        "text": "留言详情",
        "subject": "留言主题",
        "received_at": "留言时间",
        "customer_id": "留言用户",
        "source_id": "留言编号",
    }


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Subject", "Description", "Created"],
         {"text": "Description", "subject": "Subject", "received_at": "Created"}),
        (["Ticket title", "Comments"], {"text": "Comments", "subject": "Ticket title"}),
        (["Summary", "Body", "Topic"], {"text": "Body", "subject": "Summary"}),
        (["工单标题", "工单内容", "投诉类型"],
         {"text": "工单内容", "subject": "工单标题", "category": "投诉类型"}),
        (["投诉主题", "投诉内容"], {"text": "投诉内容", "subject": "投诉主题"}),
        (["标题", "内容"], {"text": "内容", "subject": "标题"}),
        (["问题标题", "问题描述"], {"text": "问题描述", "subject": "问题标题"}),
    ],
)  # fmt: skip
def test_subject_lines_are_suggested_beside_the_body(headers, expected):
    assert suggest_mapping(headers) == expected


def test_a_cfpb_export_has_no_subject_to_suggest():
    assert "subject" not in suggest_mapping(CFPB_HEADERS)


def test_each_column_feeds_one_field_only():
    mapping = suggest_mapping(["内容", "评价"])
    assert list(mapping.values()).count("内容") == 1
    assert len(set(mapping.values())) == len(mapping)


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"received_at": "a"}, "import.text_unmapped"),
        ({"text": "missing"}, "import.unknown_column"),
        ({"text": "a", "mood": "b"}, "import.unknown_field"),
        ({"text": "a", "channel": "a"}, "import.column_twice"),
    ],
)
def test_unusable_mappings_are_refused(mapping, key):
    with pytest.raises(InvalidInput) as caught:
        check_mapping(mapping, ["a", "b"])
    assert caught.value.key == key


def test_unmapped_columns_are_returned_as_extra():
    frame = pd.DataFrame({"内容": ["x"], "点赞数": ["3"], "主题": ["t"]})
    fields, extra = apply_mapping(frame, {"text": "内容"})
    assert fields.loc[0, "text"] == "x"
    assert fields["channel"].isna().all()
    assert extra == ["点赞数", "主题"]


def test_map_options_from_the_command_line():
    assert parse_map_options(["text=留言详情", " channel = Via "]) == {
        "text": "留言详情",
        "channel": "Via",
    }
    with pytest.raises(InvalidInput):
        parse_map_options(["text"])


def test_a_table_shape_reuses_the_suggestions_and_required_checks():
    from cxdash.ingest.mapping import TableShape, check_columns, suggest_columns

    shape = TableShape(("ticket_id", "status"), ("ticket_id", "status"), {"status": ("状态",)})
    assert suggest_columns(["Ticket ID", "工单状态", "x"], shape) == {
        "ticket_id": "Ticket ID",
        "status": "工单状态",
    }
    with pytest.raises(InvalidInput) as err:
        check_columns({"ticket_id": "x"}, ["x"], shape)
    assert err.value.key == "import.required_unmapped"
    assert err.value.params["fields"] == "status"
