"""Which source column feeds which cxdash field: suggestions from Chinese and English headers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cxdash.errors import InvalidInput

# The mappable fields, in the order the mapping form shows them.
FIELDS = (
    "text",
    "subject",
    "received_at",
    "channel",
    "customer_id",
    "segment",
    "tenure",
    "product",
    "region",
    "rating",
    "source_id",
    "category",
    "kind",
)
REQUIRED = ("text",)
KINDS = ("problem", "need", "praise", "other")

# Header words per field, compared after lower-casing and dropping spaces and punctuation.
# A header equal to a word scores above one that merely contains it; longer words win ties.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "content",
        "comment",
        "comments",
        "feedback",
        "message",
        "body",
        "narrative",
        "complaintnarrative",
        "consumercomplaintnarrative",
        "review",
        "verbatim",
        "description",
        "内容",
        "留言详情",
        "留言内容",
        "投诉内容",
        "反馈内容",
        "评论",
        "评价内容",
        "意见",
        "详情",
        "问题描述",
        "诉求内容",
        "来电内容",
        "工单内容",
        "用户反馈",
        "评价",
    ),
    "subject": (
        "subject",
        "title",
        "summary",
        "topic",
        "headline",
        "subjectline",
        "tickettitle",
        "ticketsubject",
        "标题",
        "主题",
        "摘要",
        "留言主题",
        "留言标题",
        "投诉主题",
        "投诉标题",
        "工单标题",
        "工单主题",
        "问题标题",
        "反馈标题",
        "反馈主题",
        "评论标题",
    ),
    "received_at": (
        "receivedat",
        "datereceived",
        "date",
        "time",
        "datetime",
        "timestamp",
        "createdat",
        "created",
        "submittedat",
        "时间",
        "日期",
        "留言时间",
        "投诉时间",
        "反馈时间",
        "创建时间",
        "受理时间",
        "来电时间",
        "提交时间",
        "评论时间",
    ),
    "channel": (
        "channel",
        "submittedvia",
        "via",
        "source",
        "medium",
        "渠道",
        "来源",
        "反馈渠道",
        "投诉渠道",
        "受理渠道",
        "来源渠道",
    ),
    "customer_id": (
        "customerid",
        "customer",
        "userid",
        "user",
        "client",
        "account",
        "accountid",
        "客户",
        "用户",
        "客户编号",
        "用户编号",
        "客户id",
        "用户id",
        "留言用户",
        "账号",
        "手机号",
    ),
    "segment": (
        "segment",
        "customertype",
        "customersegment",
        "客户类型",
        "客户群",
        "用户类型",
        "客群",
        "细分",
        "客户分类",
    ),
    "tenure": ("tenure", "customertenure", "网龄", "在网时长", "客户年限", "入网时长"),
    "product": ("product", "service", "plan", "产品", "业务", "产品类型", "业务类型", "套餐"),
    "region": (
        "region",
        "area",
        "state",
        "province",
        "city",
        "地区",
        "区域",
        "省份",
        "城市",
        "地市",
    ),
    "rating": (
        "rating",
        "score",
        "stars",
        "csat",
        "satisfaction",
        "评分",
        "打分",
        "星级",
        "满意度",
        "评价等级",
        "分数",
    ),
    "source_id": (
        "sourceid",
        "id",
        "ticketid",
        "complaintid",
        "ticket",
        "caseid",
        "messageid",
        "编号",
        "工单号",
        "工单编号",
        "留言编号",
        "投诉编号",
        "单号",
        "序号",
    ),
    "category": (
        "category",
        "issue",
        "label",
        "type",
        "分类",
        "类别",
        "问题分类",
        "投诉类型",
        "问题类型",
        "标签",
        "一级分类",
    ),
    "kind": ("kind", "feedbacktype", "性质", "反馈类型", "反馈性质"),
}
_PUNCT = re.compile(r"[\s_\-./?？()（）:：#]+")


def normalise_header(name: str) -> str:
    """Return a header lower-cased without spaces or punctuation, for matching."""
    return _PUNCT.sub("", str(name)).lower()


def _score(header: str, word: str, order: int) -> tuple[int, int, int]:
    if header == word:
        return (2, len(word), -order)
    if len(word) >= 2 and word in header:
        return (1, len(word), -order)
    return (0, 0, 0)


@dataclass(frozen=True)
class TableShape:
    """What a mapping fills: fields in form order, the required ones, header words per field.

    ``missing_key`` is the message raised when a required field has no column; it receives the
    missing fields as ``fields``.
    """

    fields: tuple[str, ...]
    required: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    missing_key: str = "import.required_unmapped"


FEEDBACK = TableShape(FIELDS, REQUIRED, SYNONYMS, "import.text_unmapped")


def suggest_columns(columns: Sequence[str], shape: TableShape) -> dict[str, str]:
    """Return field → column suggestions for a shape; each column feeds one field at most."""
    candidates = []
    for field in shape.fields:
        words = [normalise_header(w) for w in shape.synonyms.get(field, (field,))]
        for column in columns:
            header = normalise_header(column)
            best = max(_score(header, w, i) for i, w in enumerate(words))
            if best[0]:
                candidates.append((best, -shape.fields.index(field), field, column))
    chosen: dict[str, str] = {}
    for _rank, _order, field, column in sorted(candidates, reverse=True):
        if field not in chosen and column not in chosen.values():
            chosen[field] = column
    return {f: chosen[f] for f in shape.fields if f in chosen}


def suggest_mapping(columns: Sequence[str]) -> dict[str, str]:
    """Return field → column suggestions for feedback from the headers."""
    return suggest_columns(columns, FEEDBACK)


def check_columns(
    mapping: Mapping[str, str | None], columns: Sequence[str], shape: TableShape
) -> dict[str, str]:
    """Return the mapping without empty entries; raise InvalidInput when it cannot be used."""
    clean = {f: c for f, c in mapping.items() if c}
    unknown = sorted(set(clean) - set(shape.fields))
    if unknown:
        raise InvalidInput(
            "import.unknown_field", field=", ".join(unknown), fields=", ".join(shape.fields)
        )
    missing = sorted(set(clean.values()) - set(columns))
    if missing:
        raise InvalidInput("import.unknown_column", column=", ".join(missing))
    unmapped = [f for f in shape.required if f not in clean]
    if unmapped:
        raise InvalidInput(shape.missing_key, fields=", ".join(unmapped))
    used = list(clean.values())
    if len(used) != len(set(used)):
        raise InvalidInput("import.column_twice")
    return clean


def check_mapping(mapping: Mapping[str, str | None], columns: Sequence[str]) -> dict[str, str]:
    """Return the feedback mapping without empty entries; raise InvalidInput when unusable."""
    return check_columns(mapping, columns, FEEDBACK)


def apply_mapping(
    frame: pd.DataFrame, mapping: Mapping[str, str]
) -> tuple[pd.DataFrame, list[str]]:
    """Return (fields, extra): mapped columns renamed to their fields, and the unmapped names."""
    fields = pd.DataFrame({f: frame[c] for f, c in mapping.items()}, index=frame.index)
    fields = fields.reindex(columns=list(FIELDS))
    extra = [c for c in frame.columns if c not in set(mapping.values())]
    return fields, extra


def parse_map_options(pairs: Sequence[str]) -> dict[str, str]:
    """Return the mapping given as FIELD=COLUMN pairs on the command line."""
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InvalidInput("import.bad_map_option", option=pair)
        mapping[field.strip()] = column.strip()
    return mapping
