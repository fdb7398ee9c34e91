"""Scored survey results: per question and group, per month, and the inputs of a driver analysis."""

from __future__ import annotations

import io

import pandas as pd
import segno

from cxdash.metrics import score_table
from cxdash.surveys import SCORED, Question

GROUPS = ("touchpoint", "segment", "region", "version", "source")


def scored_questions(questions: list[Question]) -> list[Question]:
    """Return the questions that give a score (CSAT, CES, NPS and rating matrices)."""
    return [q for q in questions if q.qtype in SCORED]


def question_scores(
    answers: pd.DataFrame, questions: list[Question], group: str | None = None
) -> pd.DataFrame:
    """Return per scored question (and group) its metric, score, 95% CI, n and mean."""
    parts = []
    for q in scored_questions(questions):
        mine = answers[(answers["question_key"] == q.key) & answers["value_num"].notna()]
        if mine.empty:
            continue
        mine = mine.assign(touchpoint=q.touchpoint or "", item=mine["item"].fillna(""))
        by = ["item"] + ([group] if group else [])
        table = score_table(
            mine.fillna({group: "—"}) if group else mine, SCORED[q.qtype], by, "value_num"
        )
        parts.append(
            table.assign(
                question_key=q.key,
                question=q.text,
                metric=SCORED[q.qtype],
                touchpoint=q.touchpoint or "",
            )
        )
    if not parts:
        return pd.DataFrame(columns=["question_key", "question", "metric", "item", "value", "n"])
    return pd.concat(parts, ignore_index=True)


def monthly_scores(answers: pd.DataFrame, question: Question) -> pd.DataFrame:
    """Return one question's score per calendar month with its 95% CI."""
    mine = answers[(answers["question_key"] == question.key) & answers["value_num"].notna()]
    mine = mine.assign(month=pd.to_datetime(mine["submitted_at"]).dt.strftime("%Y-%m"))
    return score_table(mine, SCORED[question.qtype], ["month"], "value_num")


def driver_frame(
    answers: pd.DataFrame, questions: list[Question], outcome: str, positive: str | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Return one row per response (outcome plus the other rating questions) and the driver keys.

    A single-choice outcome becomes 1 when the positive option was chosen and 0 otherwise.
    """
    rated = [q.key for q in questions if q.qtype in ("csat", "ces", "nps")]
    flat = answers[answers["item"].fillna("") == ""]
    wide = flat.pivot_table(
        index="response_id", columns="question_key", values="value_num", aggfunc="first"
    )
    if positive is not None:
        chosen = flat[flat["question_key"] == outcome].set_index("response_id")["value_text"]
        wide[outcome] = (chosen == positive).astype(float).reindex(wide.index)
    drivers = [k for k in rated if k != outcome and k in wide.columns]
    return wide.reset_index(), drivers


def filter_open_answers(frame: pd.DataFrame, keyword: str) -> pd.DataFrame:
    """Return the open answers whose text contains the keyword (case-insensitive)."""
    if not keyword.strip():
        return frame
    return frame[frame["text"].str.contains(keyword.strip(), case=False, regex=False, na=False)]


def qr_png(link: str, scale: int = 6) -> bytes:
    """Return a PNG QR code of the link (segno, pure Python)."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy safe to open in a spreadsheet: text cells starting with = + - @ get a quote."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v
            )
    return out
