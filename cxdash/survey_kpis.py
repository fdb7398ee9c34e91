"""Indicators computed from cxdash's own surveys: each scored question becomes a KQI series.

Every CSAT, CES or NPS question of a survey in the current cycle gives one indicator (kind KQI:
perceived quality as the customers themselves rated it) whose monthly values are the question's
score (`cxdash.survey_scores.monthly_scores`: CSAT top-2-box %, CES mean 1–7, NPS points), overall
(segment "all") and per region. A stored indicator with the same key overrides the definition
(kind, target, threshold) while the values keep coming from the answers.
"""

from __future__ import annotations

import re

import pandas as pd

from cxdash.indicators import Indicator
from cxdash.survey_scores import monthly_scores
from cxdash.surveys import Question

SOURCE = "survey"
QTYPES = ("csat", "ces", "nps")
UNITS = {"csat": "%", "ces": "1-7", "nps": "pts"}
DIRECTIONS = {"csat": "higher", "ces": "lower", "nps": "higher"}
VALUE_COLUMNS = ["indicator_key", "period", "segment", "value"]
_NOT_KEY = re.compile(r"[^a-z0-9_]+")


def indicator_key(survey_id: int, question_key: str) -> str:
    """Return the indicator key of a survey question: s<survey>_<question>, at most 40 chars."""
    clean = _NOT_KEY.sub("_", question_key.lower()).strip("_") or "q"
    return f"s{survey_id}_{clean}"[:40]


def _monthly(answers: pd.DataFrame, question: Question, segment: str) -> pd.DataFrame:
    table = monthly_scores(answers, question)
    return pd.DataFrame(
        {
            "period": pd.to_datetime(table["month"] + "-01"),
            "segment": segment,
            "value": table["value"].astype(float),
        }
    )


def question_values(answers: pd.DataFrame, question: Question) -> pd.DataFrame:
    """Return one question's monthly scores overall ("all") and per region (segment, value)."""
    parts = [_monthly(answers, question, "all")]
    regions = answers["region"].dropna().astype(str) if "region" in answers else pd.Series()
    for region in sorted(set(regions)):
        parts.append(_monthly(answers[answers["region"] == region], question, region))
    frame = pd.concat(parts, ignore_index=True)
    return frame[frame["value"].notna()]


def survey_indicators(
    survey_id: int, survey_name: str, questions: list[Question], answers: pd.DataFrame
) -> tuple[list[Indicator], pd.DataFrame]:
    """Return the KQI indicators of one survey's scored questions and their monthly values."""
    inds, parts = [], []
    for q in (q for q in questions if q.qtype in QTYPES):
        values = question_values(answers, q)
        if values.empty:
            continue
        key = indicator_key(survey_id, q.key)
        name = f"{survey_name} · {q.text} ({q.qtype.upper()})"
        inds.append(Indicator(key, name, "KQI", UNITS[q.qtype], DIRECTIONS[q.qtype]))
        parts.append(values.assign(indicator_key=key))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=VALUE_COLUMNS)
    return inds, frame[VALUE_COLUMNS]


def merge_indicators(stored: list[Indicator], derived: list[Indicator]) -> list[Indicator]:
    """Return the stored indicators plus the derived ones whose key is not stored."""
    taken = {i.key for i in stored}
    return [*stored, *(i for i in derived if i.key not in taken)]


def merge_values(stored: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Return stored values plus derived ones; a stored value wins for the same key and period."""
    if derived.empty:
        return stored
    both = pd.concat([stored[VALUE_COLUMNS], derived[VALUE_COLUMNS]], ignore_index=True)
    both["period"] = pd.to_datetime(both["period"])
    both = both.drop_duplicates(["indicator_key", "period", "segment"], keep="first")
    return both.sort_values(["indicator_key", "segment", "period"]).reset_index(drop=True)
