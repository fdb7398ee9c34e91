"""Evidence builders for a solution's data support: a category, a TOP key point, a survey result
and an indicator, each with its numbers snapshotted now and a reference to redo them.

Each builder returns the fields of `cxdash.solutions.Evidence` (kind, label, numbers, reference,
quotes), like `storage.evidence.feedback_evidence` does for a free feedback query.
"""

from __future__ import annotations

from typing import Any

from cxdash.errors import InvalidInput
from cxdash.i18n import label as value_label
from cxdash.indicators import current_values
from cxdash.keypoints import rank_key_points
from cxdash.storage import Store
from cxdash.storage import journey_data as data
from cxdash.storage.evidence import labelled_numbers
from cxdash.storage.indicators import get_indicator, load_values
from cxdash.storage.survey_responses import survey_answers
from cxdash.storage.surveys import get_survey, survey_questions
from cxdash.survey_scores import question_scores

QUOTES = 3


def _quotes(store: Store, cycle_id: int, touchpoint: str | None, category: str) -> tuple[str, ...]:
    """Return up to three quotes of the cell, negative and recent first."""
    found = data.quotes(store, cycle_id, touchpoint=touchpoint, category=category, limit=QUOTES)
    return tuple(str(x) for x in found["text"])


def category_evidence(store: Store, cycle_id: int, category: str, lang: str) -> dict[str, Any]:
    """Return the evidence of one need/problem category in the cycle's feedback."""
    numbers = labelled_numbers(store, cycle_id, category=category)
    if not numbers["matched"]:
        raise InvalidInput("solutions.error.no_items", label=category)
    return {
        "kind": "category",
        "label": value_label("category", category, lang),
        "numbers": numbers,
        "reference": {"category": category, "cycle_id": cycle_id},
        "quotes": _quotes(store, cycle_id, None, category),
    }


def key_point_evidence(
    store: Store, cycle_id: int, touchpoint: str, category: str, lang: str, tp_name: str = ""
) -> dict[str, Any]:
    """Return the evidence of a TOP key point (touchpoint × category): numbers, rank, quotes."""
    rolled = data.rollup(store, cycle_id)
    ranked = rank_key_points(data.key_point_cells(rolled), data.score_totals(rolled))
    cell = ranked[(ranked["touchpoint"] == touchpoint) & (ranked["category"] == category)]
    if cell.empty:
        raise InvalidInput("solutions.error.no_key_point", touchpoint=touchpoint, category=category)
    row = cell.iloc[0]
    numbers = labelled_numbers(store, cycle_id, touchpoint, category)
    numbers["rank"] = int(row["rank"])
    if row["impact_csat"] == row["impact_csat"]:
        numbers["impact_csat_points"] = round(float(row["impact_csat"]), 2)
    name = f"{tp_name or touchpoint} · {value_label('category', category, lang)}"
    return {
        "kind": "key_point",
        "label": name,
        "numbers": numbers,
        "reference": {"touchpoint": touchpoint, "category": category, "cycle_id": cycle_id},
        "quotes": _quotes(store, cycle_id, touchpoint, category),
    }


def survey_result_evidence(store: Store, survey_id: int, question_key: str) -> dict[str, Any]:
    """Return one survey question's score with its 95% CI and n, as evidence."""
    survey = get_survey(store, survey_id)
    questions = survey_questions(store, survey_id)
    table = question_scores(survey_answers(store, survey_id), questions)
    mine = table[(table["question_key"] == question_key) & (table["item"].fillna("") == "")]
    if mine.empty:
        raise InvalidInput("solutions.error.no_score", question=question_key)
    row = mine.iloc[0]
    numbers = {
        "value": round(float(row["value"]), 1),
        "low": round(float(row["low"]), 1),
        "high": round(float(row["high"]), 1),
        "n": int(row["n"]),
    }
    return {
        "kind": "survey_result",
        "label": f"{row['metric'].upper()} · {row['question']}",
        "numbers": numbers,
        "reference": {
            "survey": str(survey["name"]),
            "survey_id": survey_id,
            "question": question_key,
            "metric": str(row["metric"]),
        },
        "quotes": (),
    }


def indicator_evidence(store: Store, key: str) -> dict[str, Any]:
    """Return an indicator's latest value with its target and threshold, and its series."""
    indicator = get_indicator(store, key)
    values = load_values(store, [key])
    if values.empty:
        raise InvalidInput("solutions.error.no_values", indicator=indicator.name)
    latest = current_values(values).iloc[0]
    overall = values[values["segment"] == "all"] if (values["segment"] == "all").any() else values
    series = overall.groupby("period")["value"].mean()
    numbers: dict[str, Any] = {"value": round(float(latest["value"]), 3)}
    numbers.update(
        {k: v for k, v in (("target", indicator.target), ("threshold", indicator.threshold)) if v}
    )
    numbers["monthly"] = {str(p)[:10]: round(float(v), 3) for p, v in series.tail(12).items()}
    return {
        "kind": "indicator",
        "label": f"{indicator.kind} · {indicator.name}",
        "numbers": numbers,
        "reference": {"indicator": key, "period": str(latest["period"])[:10]},
        "quotes": (),
    }
