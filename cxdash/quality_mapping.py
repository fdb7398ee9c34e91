"""Column mapping for the service-quality tables: indicator values, tickets and customer tables.

Each table shape is a list of fields with the header names (Chinese and English) they are
usually found under. ``suggest_mapping`` proposes a column per field, the user may override it,
and ``apply_mapping`` converts the mapped columns, listing every problem with its row number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from cxdash.errors import InvalidInput


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
)
SHAPES: dict[str, tuple[FieldSpec, ...]] = {
    "indicator_values": INDICATOR_VALUE_FIELDS,
    "tickets": TICKET_FIELDS,
}
CUSTOMER_ID_ALIASES = ("customer_id", "customerid", "客户id", "客户编号", "用户id", "id")
LABEL_ALIASES = ("label", "dissatisfied", "churn", "不满意", "流失", "标签", "是否不满意")
POSITIVE = {"1", "1.0", "yes", "y", "true", "t", "是", "不满意", "churn", "dissatisfied"}
NEGATIVE = {"0", "0.0", "no", "n", "false", "f", "否", "满意", "stay", "satisfied"}


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(text)).lower()


def find_column(headers: list[str], aliases: tuple[str, ...]) -> str | None:
    """Return the header that matches an alias (exactly, then by containment), or None."""
    normed = {_norm(h): h for h in headers}
    for alias in aliases:
        if _norm(alias) in normed:
            return normed[_norm(alias)]
    for alias in aliases:
        hit = next(
            (h for n, h in normed.items() if len(_norm(alias)) > 2 and _norm(alias) in n), None
        )
        if hit:
            return hit
    return None


def suggest_mapping(headers: list[str], shape: str) -> dict[str, str | None]:
    """Return the suggested source column for each field of the shape (None when not found)."""
    specs = SHAPES[shape]
    return {spec.name: find_column(headers, spec.aliases) for spec in specs}


def _convert(values: pd.Series, kind: str) -> pd.Series:
    text = values.astype("string").str.strip().replace("", pd.NA)
    if kind in ("number", "int"):
        return pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    if kind in ("datetime", "date"):
        parsed = pd.to_datetime(text, errors="coerce", format="mixed")
        return parsed.dt.normalize() if kind == "date" else parsed
    return text


def _check_mapping(frame: pd.DataFrame, mapping: dict[str, str | None], shape: str) -> None:
    missing = [s.name for s in SHAPES[shape] if s.required and not mapping.get(s.name)]
    if missing:
        raise InvalidInput("quality.map_missing", fields=", ".join(missing))
    unknown = [c for c in mapping.values() if c and c not in frame.columns]
    if unknown:
        raise InvalidInput("quality.map_unknown_column", column=unknown[0])


def apply_mapping(frame: pd.DataFrame, mapping: dict[str, str | None], shape: str) -> MappedTable:
    """Return the mapped, typed rows that passed validation and a problem per bad cell."""
    _check_mapping(frame, mapping, shape)
    out = pd.DataFrame(index=frame.index)
    problems: list[Problem] = []
    for spec in SHAPES[shape]:
        column = mapping.get(spec.name)
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
    return find_column(headers, CUSTOMER_ID_ALIASES), find_column(headers, LABEL_ALIASES)


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
