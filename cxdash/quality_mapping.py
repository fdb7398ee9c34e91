"""Column mapping for the service-quality tables: indicator values, tickets and customer tables.

Each table shape is a list of fields with the header names (Chinese and English) they are
usually found under. Suggestions and mapping checks are the import's own
(`cxdash.ingest.mapping.suggest_columns` / `check_columns`), dates are read with the import's
date parser; ``apply_mapping`` then types the mapped columns, listing every problem with its row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from cxdash.ingest.mapping import TableShape, check_columns, suggest_columns
from cxdash.ingest.values import parse_dates


@dataclass(frozen=True)
class FieldSpec:
    """One target field: its name, value kind, whether it must be mapped, and header aliases."""

    name: str
    kind: str
    required: bool
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    """One cell that cannot be used: data row number (1-based), field, message key and value."""

    row: int
    field: str
    key: str
    value: str


@dataclass(frozen=True)
class MappedTable:
    """The converted rows that passed, and every problem found."""

    frame: pd.DataFrame
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def bad_rows(self) -> set[int]:
        """Return the data row numbers (1-based) that have at least one problem."""
        return {p.row for p in self.problems}


INDICATOR_VALUE_FIELDS = (
    FieldSpec("indicator", "text", True, ("indicator", "指标", "指标编码", "kpi", "metric")),
    FieldSpec("period", "date", True, ("period", "month", "date", "周期", "月份", "日期", "时间")),
    FieldSpec("segment", "text", False, ("segment", "region", "区域", "地区", "分群", "细分")),
    FieldSpec("value", "number", True, ("value", "数值", "值", "指标值", "score")),
)
TICKET_FIELDS = (
    FieldSpec("ticket_id", "text", True, ("ticket_id", "id", "工单号", "工单编号", "ticket")),
    FieldSpec("opened_at", "datetime", True, ("opened_at", "created", "受理时间", "创建时间")),
    FieldSpec(
        "first_response_at", "datetime", False, ("first_response_at", "首次响应时间", "响应时间")
    ),
    FieldSpec(
        "resolved_at", "datetime", False, ("resolved_at", "closed_at", "解决时间", "结单时间")
    ),
    FieldSpec("status", "text", True, ("status", "状态", "工单状态")),
    FieldSpec("origin", "text", False, ("origin", "来源类型", "发现方式")),
    FieldSpec("category", "text", False, ("category", "问题分类", "分类", "类别")),
    FieldSpec("region", "text", False, ("region", "区域", "地区")),
    FieldSpec("channel", "text", False, ("channel", "渠道", "受理渠道")),
    FieldSpec("contacts", "int", False, ("contacts", "联系次数", "接触次数")),
    FieldSpec("reopened", "int", False, ("reopened", "重开次数", "重复投诉")),
    FieldSpec("root_cause", "text", False, ("root_cause", "根因", "溯源结果")),
    FieldSpec("rectified_at", "datetime", False, ("rectified_at", "整改完成时间", "整改时间")),
    FieldSpec(
        "root_cause_category", "text", False, ("root_cause_category", "根因分类", "根因类别")
    ),
    FieldSpec("solution_id", "text", False, ("solution_id", "solution", "方案编号", "关联方案")),
)
SHAPES: dict[str, tuple[FieldSpec, ...]] = {
    "indicator_values": INDICATOR_VALUE_FIELDS,
    "tickets": TICKET_FIELDS,
}
CUSTOMER_ID_ALIASES = ("customer_id", "customerid", "客户id", "客户编号", "用户id", "id")
LABEL_ALIASES = ("label", "dissatisfied", "churn", "不满意", "流失", "标签", "是否不满意")
POSITIVE = {"1", "1.0", "yes", "y", "true", "t", "是", "不满意", "churn", "dissatisfied"}
NEGATIVE = {"0", "0.0", "no", "n", "false", "f", "否", "满意", "stay", "satisfied"}


def table_shape(shape: str) -> TableShape:
    """Return a quality table shape in the import's mapping terms."""
    if shape == "customers":
        return CUSTOMER_SHAPE
    specs = SHAPES[shape]
    return TableShape(
        tuple(s.name for s in specs),
        tuple(s.name for s in specs if s.required),
        {s.name: s.aliases for s in specs},
        "quality.map_missing",
    )


CUSTOMER_SHAPE = TableShape(
    ("customer_id", "label"),
    ("customer_id",),
    {"customer_id": CUSTOMER_ID_ALIASES, "label": LABEL_ALIASES},
    "quality.map_missing",
)


def suggest_mapping(headers: list[str], shape: str) -> dict[str, str | None]:
    """Return the suggested source column for each field of the shape (None when not found)."""
    found = suggest_columns(headers, table_shape(shape))
    return {spec.name: found.get(spec.name) for spec in SHAPES[shape]}


def _convert(values: pd.Series, kind: str) -> pd.Series:
    text = values.astype("string").str.strip().replace("", pd.NA)
    if kind in ("number", "int"):
        return pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    if kind in ("datetime", "date"):
        parsed = pd.Series(parse_dates(text.fillna(""))[0], index=values.index)
        return parsed.dt.normalize() if kind == "date" else parsed
    return text


def apply_mapping(frame: pd.DataFrame, mapping: dict[str, str | None], shape: str) -> MappedTable:
    """Return the mapped, typed rows that passed validation and a problem per bad cell."""
    checked = check_columns(mapping, list(frame.columns), table_shape(shape))
    out = pd.DataFrame(index=frame.index)
    problems: list[Problem] = []
    for spec in SHAPES[shape]:
        column = checked.get(spec.name)
        if not column:
            continue
        raw = frame[column].astype("string").str.strip().replace("", pd.NA)
        out[spec.name] = _convert(frame[column], spec.kind)
        unreadable = raw.notna() & out[spec.name].isna()
        blank = raw.isna() if spec.required else pd.Series(False, index=frame.index)
        for pos in [*frame.index[unreadable], *frame.index[blank]]:
            key = "quality.problem_blank" if blank[pos] else f"quality.problem_{spec.kind}"
            value = "" if blank[pos] else str(raw[pos])
            problems.append(Problem(int(frame.index.get_loc(pos)) + 1, spec.name, key, value))
    bad = {p.row - 1 for p in problems}
    keep = [i for i in range(len(out)) if i not in bad]
    problems.sort(key=lambda p: (p.row, p.field))
    return MappedTable(out.iloc[keep].reset_index(drop=True), tuple(problems))


def problems_frame(problems: tuple[Problem, ...], lang: str) -> pd.DataFrame:
    """Return the problems as a table with translated messages, one row per problem."""
    from cxdash.i18n import translate

    return pd.DataFrame(
        {
            "row": [p.row for p in problems],
            "field": [p.field for p in problems],
            "value": [p.value for p in problems],
            "problem": [translate(p.key, lang) for p in problems],
        }
    )


def suggest_customer_columns(headers: list[str]) -> tuple[str | None, str | None]:
    """Return the suggested customer-id column and label column of a customer table."""
    found = suggest_columns(headers, CUSTOMER_SHAPE)
    return found.get("customer_id"), found.get("label")


def parse_labels(values: pd.Series) -> tuple[pd.Series, tuple[Problem, ...]]:
    """Return labels as 1/0 (missing stays NA) and a problem per value that is neither."""
    text = values.astype("string").str.strip().str.lower().replace("", pd.NA)
    labels = pd.Series(pd.NA, index=values.index, dtype="Int64")
    labels[text.isin(POSITIVE).fillna(False)] = 1
    labels[text.isin(NEGATIVE).fillna(False)] = 0
    odd = text.notna() & labels.isna()
    problems = tuple(
        Problem(i + 1, "label", "quality.problem_label", str(values.iloc[i]))
        for i in range(len(values))
        if odd.iloc[i]
    )
    return labels, problems


def check_customer_mapping(
    headers: list[str], id_column: str | None, label_column: str | None
) -> dict[str, str]:
    """Return the customer-table mapping (id and optional label); raise when it is unusable."""
    mapping = {"customer_id": id_column, "label": label_column}
    return check_columns(mapping, headers, CUSTOMER_SHAPE)
