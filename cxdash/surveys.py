"""Survey definitions and responses: question types, checks, and importing answers wide or long."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from cxdash.errors import InvalidInput

QUESTION_TYPES = ("csat", "ces", "nps", "open", "single", "multi", "matrix", "kano")
# A KANO question names the need; its options hold the functional and the dysfunctional wording,
# and optionally a self-stated importance question (answered 1–5).
KANO_PARTS = ("functional", "dysfunctional", "importance")
SCALES = {"csat": (1, 5), "ces": (1, 7), "nps": (0, 10), "matrix": (1, 5)}
SCORED = {"csat": "csat", "ces": "ces", "nps": "nps", "matrix": "csat"}
PURPOSES = ("touchpoint", "relationship")
# Exports of rating scales often write 0 for "not applicable"; on 1-based scales it is a blank.
NOT_APPLICABLE = 0.0
META_COLUMNS = {
    "respondent": ("respondent", "respondent_id", "id", "response_id", "受访者"),
    "submitted_at": ("submitted_at", "date", "timestamp", "time", "提交时间", "日期"),
    "segment": ("segment", "客群"),
    "region": ("region", "location", "地区", "区域"),
}


@dataclass(frozen=True)
class Question:
    """One question of a survey version: its key, type, text, touchpoint and options."""

    key: str
    qtype: str
    text: str
    touchpoint: str | None = None
    options: tuple[str, ...] = field(default_factory=tuple)
    required: bool = False


def _options_fit(q: Question) -> bool:
    """Return whether a question has the options its type needs (a KANO one: 2 or 3 wordings)."""
    given = len([o for o in q.options if o.strip()])
    if q.qtype == "kano":
        return 2 <= given <= 3
    return given > 0 or q.qtype not in ("single", "multi", "matrix")


def check_questions(questions: list[Question]) -> list[Question]:
    """Return the questions when every one is usable, else raise with every problem listed."""
    problems = []
    keys = [q.key for q in questions]
    for pos, q in enumerate(questions, start=1):
        if q.qtype not in QUESTION_TYPES:
            problems.append(f"{pos}: {q.qtype}")
        elif not q.text.strip():
            problems.append(f"{pos}: text")
        elif not _options_fit(q):
            problems.append(f"{pos}: options")
        elif keys.count(q.key) > 1:
            problems.append(f"{pos}: {q.key}")
    if not questions:
        raise InvalidInput("surveys.no_questions")
    if problems:
        raise InvalidInput("surveys.bad_questions", problems="; ".join(problems))
    return questions


def needs_nps_warning(questions: list[Question], purpose: str, cycle_number: int) -> bool:
    """Return whether NPS sits in a first-round touchpoint survey (the method puts it later)."""
    has_nps = any(q.qtype == "nps" for q in questions)
    return has_nps and purpose == "touchpoint" and cycle_number <= 1


def _norm(text: object) -> str:
    """Return a column name or question text folded for matching."""
    return re.sub(r"\s+", " ", str(text)).strip().lower()


def _meta_columns(columns: list[str]) -> dict[str, str]:
    """Return meta field → the column that holds it."""
    folded = {_norm(c): c for c in columns}
    return {f: folded[a] for f, names in META_COLUMNS.items() for a in names if a in folded}


def _question_columns(columns: list[str], questions: list[Question]) -> list[tuple[str, str, str]]:
    """Return (column, question key, matrix item) for every column naming a question."""
    by_name: dict[str, tuple[str, str]] = {}
    for q in questions:
        items = q.options if q.qtype == "matrix" else ("",)
        for item in items:
            suffix = f" [{item}]" if item else ""
            for name in (q.key, q.text):
                by_name[_norm(name + suffix)] = (q.key, item)
    return [(c, *by_name[_norm(c)]) for c in columns if _norm(c) in by_name]


def parse_wide(
    frame: pd.DataFrame, questions: list[Question], skip_bad: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (respondents, answers) from one row per respondent; columns named by key or text."""
    columns = [str(c) for c in frame.columns]
    matched = _question_columns(columns, questions)
    if not matched:
        raise InvalidInput("surveys.no_question_columns")
    meta = _meta_columns(columns)
    people = _respondents(frame, meta)
    parts = []
    for column, key, item in matched:
        part = pd.DataFrame(
            {
                "respondent": people["respondent"],
                "question_key": key,
                "item": item,
                "raw": frame[column].to_numpy(),
                "row": range(1, len(frame) + 1),
            }
        )
        parts.append(part)
    return people, _coerce(pd.concat(parts, ignore_index=True), questions, skip_bad)


def parse_long(
    frame: pd.DataFrame, questions: list[Question], skip_bad: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (respondents, answers) from one row per answer: respondent, question, value."""
    columns = [str(c) for c in frame.columns]
    folded = {_norm(c): c for c in columns}
    if not {"respondent", "question", "value"} <= set(folded):
        raise InvalidInput("surveys.long_columns")
    by_name = {_norm(n): q.key for q in questions for n in (q.key, q.text)}
    keys = frame[folded["question"]].map(lambda v: by_name.get(_norm(v)))
    unknown = sorted(
        {str(v) for v, k in zip(frame[folded["question"]], keys, strict=True) if k is None}
    )
    if unknown:
        raise InvalidInput("surveys.unknown_questions", names=", ".join(unknown[:10]))
    meta = _meta_columns(columns)
    people = _respondents(frame, meta).drop_duplicates("respondent").reset_index(drop=True)
    item = frame[folded["item"]] if "item" in folded else ""
    answers = pd.DataFrame(
        {
            "respondent": frame[folded["respondent"]].astype(str).to_numpy(),
            "question_key": keys,
            "item": item,
            "raw": frame[folded["value"]].to_numpy(),
            "row": range(1, len(frame) + 1),
        }
    )
    return people, _coerce(answers, questions, skip_bad)


def _respondents(frame: pd.DataFrame, meta: dict[str, str]) -> pd.DataFrame:
    """Return respondent id, submitted time, segment and region per row."""
    ids = frame[meta["respondent"]].astype(str) if "respondent" in meta else None
    people = pd.DataFrame(
        {"respondent": ids if ids is not None else [f"row-{i}" for i in range(1, len(frame) + 1)]}
    )
    when = frame[meta["submitted_at"]] if "submitted_at" in meta else None
    people["submitted_at"] = pd.to_datetime(when, errors="coerce") if when is not None else pd.NaT
    for name in ("segment", "region"):
        people[name] = frame[meta[name]].to_numpy() if name in meta else None
    return people.reset_index(drop=True)


def _coerce(answers: pd.DataFrame, questions: list[Question], skip_bad: bool) -> pd.DataFrame:
    """Return answers with value_num/value_text; out-of-scale values raise once (or are dropped)."""
    qtype = {q.key: q.qtype for q in questions}
    answers = answers[answers["raw"].notna() & (answers["raw"].astype(str).str.strip() != "")]
    types = answers["question_key"].map(qtype)
    numeric = pd.to_numeric(answers["raw"], errors="coerce")
    low = types.map(lambda t: SCALES.get(t, (None, None))[0])
    high = types.map(lambda t: SCALES.get(t, (None, None))[1])
    scaled = types.isin(list(SCALES))
    blank = scaled & (low > 0) & (numeric == NOT_APPLICABLE)
    bad = scaled & ~blank & (numeric.isna() | (numeric < low) | (numeric > high))
    if bad.any() and skip_bad:
        blank = blank | bad
    elif bad.any():
        rows = ", ".join(str(r) for r in sorted(set(answers.loc[bad, "row"]))[:20])
        raise InvalidInput("surveys.bad_values", rows=rows, count=int(bad.sum()))
    out = answers.loc[~blank].copy()
    out["value_num"] = numeric[~blank].where(scaled[~blank])
    out["value_text"] = out["raw"].astype(str).where(~scaled[~blank])
    return out.drop(columns=["raw", "row"]).reset_index(drop=True)


def parse_responses(
    frame: pd.DataFrame, questions: list[Question], skip_bad: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (respondents, answers) from an imported table, long when it has question/value."""
    folded = {_norm(c) for c in frame.columns}
    if {"question", "value"} <= folded:
        return parse_long(frame, questions, skip_bad)
    return parse_wide(frame, questions, skip_bad)


def response_matrix(answers: pd.DataFrame, questions: list[Question]) -> pd.DataFrame:
    """Return one row per response and one column per scored question (numeric) or single choice."""
    kinds = {q.key: q.qtype for q in questions}
    keep = answers[answers["question_key"].map(kinds).isin([*SCALES, "single"])]
    keep = keep[keep["item"].fillna("") == ""]
    value = keep["value_num"].astype(object).where(keep["value_num"].notna(), keep["value_text"])
    wide = keep.assign(value=value).pivot_table(
        index="response_id", columns="question_key", values="value", aggfunc="first"
    )
    return wide.reset_index()
