"""Widgets of the survey and KANO pages: answering, editing questions, uploads, sample sizes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cxdash.charts.surveys import penalty_reward_bars
from cxdash.drivers import key_drivers, penalty_reward
from cxdash.errors import CxDashError
from cxdash.ingest.readers import read_table
from cxdash.kano import ANSWERS
from cxdash.sampling import SamplePlan, plan_nps, plan_proportion
from cxdash.survey_scores import driver_frame
from cxdash.surveys import KANO_PARTS, QUESTION_TYPES, SCALES, SCORED, Question
from cxdash.ui.context import inert, show_error, t
from cxdash.ui.grid import cell_text, edit_rows

EDIT_COLUMNS = ["key", "qtype", "text", "touchpoint", "options", "required"]


def _scale_input(q: Question, pos: int) -> float | None:
    """Show a horizontal scale for a rated question; return the chosen point or None."""
    low, high = SCALES[q.qtype]
    hint = t(f"respond.low_{q.qtype}") if q.qtype in ("nps", "csat", "ces") else None
    chosen = st.pills(inert(q.text), list(range(low, high + 1)), key=f"answer_{pos}")
    if hint:
        st.caption(hint)
    return float(chosen) if chosen is not None else None


def answer_form(questions: list[Question]) -> pd.DataFrame | None:
    """Show the questions in one form; return the answer rows once submitted, else None."""
    rows: list[dict[str, object]] = []
    with st.form("respond_form"):
        for pos, q in enumerate(questions):
            if q.qtype in ("csat", "ces", "nps"):
                rows.append({"question_key": q.key, "value_num": _scale_input(q, pos)})
            elif q.qtype == "open":
                text = st.text_area(inert(q.text), key=f"answer_{pos}", max_chars=2000)
                rows.append({"question_key": q.key, "value_text": text.strip() or None})
            elif q.qtype == "single":
                rows.append(
                    {
                        "question_key": q.key,
                        "value_text": st.radio(
                            inert(q.text),
                            list(q.options),
                            index=None,
                            format_func=inert,
                            key=f"answer_{pos}",
                        ),
                    }
                )
            elif q.qtype == "multi":
                for option in st.multiselect(inert(q.text), q.options, key=f"answer_{pos}"):
                    rows.append({"question_key": q.key, "item": option, "value_text": option})
            elif q.qtype == "kano":
                rows.extend(_kano_inputs(q, pos))
            else:
                st.markdown(f"**{pos + 1}.**")
                st.text(q.text)
                for i, item in enumerate(q.options):
                    chosen = st.pills(inert(item), [1, 2, 3, 4, 5], key=f"answer_{pos}_{i}")
                    rows.append({"question_key": q.key, "item": item, "value_num": chosen})
        if not st.form_submit_button(
            t("respond.submit"), type="primary", key="respond_submit", width="stretch"
        ):
            return None
    frame = pd.DataFrame(rows).reindex(columns=["question_key", "item", "value_num", "value_text"])
    return frame[frame["value_num"].notna() | frame["value_text"].notna()]


def _kano_inputs(q: Question, pos: int) -> list[dict[str, object]]:
    """Show a KANO pair (and the importance scale when asked); return its answer rows."""
    st.markdown(f"**{pos + 1}.**")
    st.text(q.text)
    rows: list[dict[str, object]] = []
    for i, (part, wording) in enumerate(zip(KANO_PARTS, q.options, strict=False)):
        if part == "importance":
            chosen = st.pills(inert(wording), [1, 2, 3, 4, 5], key=f"answer_{pos}_{i}")
            rows.append({"question_key": q.key, "item": part, "value_num": chosen})
            continue
        picked = st.radio(
            inert(wording),
            ANSWERS,
            index=None,
            format_func=lambda a: t(f"kano.answer.{a}"),
            key=f"answer_{pos}_{i}",
        )
        rows.append({"question_key": q.key, "item": part, "value_text": picked})
    return rows


def missing_required(questions: list[Question], answers: pd.DataFrame) -> list[str]:
    """Return the texts of required questions left unanswered, and of half-answered KANO pairs."""
    answered = set(answers["question_key"])
    pairs = answers[answers["item"].isin(KANO_PARTS[:2])].groupby("question_key")["item"].nunique()
    half = {k for k, n in pairs.items() if n < 2}
    return [
        q.text
        for q in questions
        if (q.required and q.key not in answered) or (q.qtype == "kano" and q.key in half)
    ]


def question_editor(questions: list[Question], key: str) -> list[Question]:
    """Show the questions as an editable table; return them as edited."""
    frame = pd.DataFrame(
        [
            [q.key, q.qtype, q.text, q.touchpoint or "", "|".join(q.options), q.required]
            for q in questions
        ],
        columns=EDIT_COLUMNS,
    )
    rows = edit_rows(
        frame,
        key,
        {"qtype": st.column_config.SelectboxColumn(options=list(QUESTION_TYPES))},
        hide_index=True,
    )
    return [
        Question(
            cell_text(r["key"]).strip() or f"q{i + 1}",
            cell_text(r["qtype"]),
            cell_text(r["text"]),
            cell_text(r["touchpoint"]) or None,
            tuple(o.strip() for o in cell_text(r["options"]).split("|") if o.strip()),
            bool(r["required"]),
        )
        for i, r in enumerate(rows)
    ]


def upload_table(label: str, key: str) -> pd.DataFrame | None:
    """Show a CSV/XLSX uploader; return the file as a frame of strings, or None."""
    uploaded = st.file_uploader(label, type=["csv", "xlsx", "json", "parquet"], key=key)
    if uploaded is None:
        return None
    try:
        return read_table(uploaded.getvalue(), uploaded.name).frame
    except CxDashError as err:
        show_error(err)
        return None


def sample_size_planner() -> SamplePlan | None:
    """Show the sample-size planner for an NPS or a proportion, with the FPC; return the plan."""
    metric = st.radio(
        t("sampling.metric"),
        ["proportion", "nps"],
        horizontal=True,
        format_func={"proportion": t("sampling.proportion"), "nps": t("metrics.nps")}.__getitem__,
        key="plan_metric",
    )
    cols = st.columns(4)
    margin = cols[0].number_input(t("sampling.margin_points"), 0.5, 50.0, 5.0, key="plan_margin")
    share = cols[1].number_input(t("sampling.expected"), 0.0, 100.0, 50.0, key="plan_share")
    population = cols[3].number_input(t("sampling.population"), 0, 10**9, 0, key="plan_pop")
    try:
        if metric == "nps":
            low = cols[2].number_input(t("sampling.detractors"), 0.0, 100.0, 25.0, key="plan_d")
            plan = plan_nps(margin, share / 100, low / 100, population=int(population) or None)
        else:
            plan = plan_proportion(margin / 100, share / 100, population=int(population) or None)
    except CxDashError as err:
        show_error(err)
        return None
    st.success(t("sampling.result", n=f"{plan.n:,}", n_inf=f"{plan.n_infinite:,}"))
    return plan


def driver_section(answers: pd.DataFrame, questions: list[Question]) -> None:
    """Show the key-driver analysis: outcome choice, standardised betas, penalty–reward."""
    candidates = [q for q in questions if q.qtype in ("csat", "ces", "nps", "single")]
    if len([q for q in candidates if q.qtype != "single"]) < 2:
        st.info(t("drivers.need_two"))
        return
    texts: dict[str, str] = {q.key: q.text for q in candidates}
    st.caption(t("drivers.caption"))
    default = next((i for i, q in enumerate(candidates) if "overall" in q.key), 0)
    outcome = str(
        st.selectbox(
            t("drivers.outcome"),
            list(texts),
            index=default,
            format_func=lambda k: texts[k],
            key="driver_outcome",
        )
    )
    chosen = next(q for q in candidates if q.key == outcome)
    positive: str | None = None
    if chosen.qtype == "single":
        positive = str(st.selectbox(t("drivers.positive"), chosen.options, key="driver_pos"))
    frame, drivers = driver_frame(answers, questions, outcome, positive)
    try:
        betas = key_drivers(frame, outcome, drivers)
        pr = penalty_reward(frame, outcome, _csat_drivers(questions, drivers), 2, 4)
    except CxDashError as err:
        show_error(err)
        return
    st.caption(t("drivers.fit", r2=f"{betas.attrs['r_squared']:.3f}", n=betas.attrs["n"]))
    show_table(betas.assign(question=betas["driver"].map(texts)), "driver_table")
    labels = {"penalty": t("results.penalty"), "reward": t("results.reward")}
    st.plotly_chart(
        penalty_reward_bars(pr.assign(driver=pr["driver"].map(texts)), labels), key="pr_chart"
    )
    show_table(pr.assign(question=pr["driver"].map(texts)), "pr_table")


def _csat_drivers(questions: list[Question], drivers: list[str]) -> list[str]:
    """Return the 1–5 rated drivers (penalty–reward bands 1–2 low, 4–5 high), else all drivers."""
    kinds = {q.key: q.qtype for q in questions}
    return [d for d in drivers if SCORED.get(kinds.get(d, "")) == "csat"] or drivers


# Column → (message key, number format); columns not listed keep their name.
COLUMN_LABELS = {
    "question": ("results.question", None),
    "metric": ("metrics.metric", None),
    "touchpoint": ("results.group.touchpoint", None),
    "segment": ("results.group.segment", None),
    "region": ("results.group.region", None),
    "value": ("results.col_value", "%.1f"),
    "low": ("results.col_low", "%.1f"),
    "high": ("results.col_high", "%.1f"),
    "mean": ("results.col_mean", "%.2f"),
    "n": ("results.col_n", "%d"),
    "difference": ("results.col_diff", "%.1f"),
    "p_value": ("results.col_p", "%.4f"),
    "beta": ("drivers.beta", "%.3f"),
    "penalty": ("results.penalty", "%.3f"),
    "reward": ("results.reward", "%.3f"),
    "better": ("kano.better", "%.3f"),
    "worse": ("kano.worse_signed", "%.3f"),
    "feature": ("kano.feature", None),
    "category": ("kano.category_col", None),
    "reason": ("kano.reason_col", None),
    "total_strength": ("kano.total_strength", "%.3f"),
    "category_strength": ("kano.category_strength", "%.3f"),
    "fong_threshold": ("kano.fong_threshold", "%.1f"),
    "importance": ("kano.importance_col", "%.2f"),
}


def show_table(frame: pd.DataFrame, key: str, hide: tuple[str, ...] = ()) -> None:
    """Show a table with translated headers and rounded numbers; the data keep their columns."""
    config: dict[str, Any] = {col: None for col in hide if col in frame.columns}
    for col in frame.columns:
        if col in COLUMN_LABELS and col not in hide:
            msg, fmt = COLUMN_LABELS[col]
            config[col] = (
                st.column_config.NumberColumn(t(msg), format=fmt)
                if fmt and pd.api.types.is_numeric_dtype(frame[col])
                else st.column_config.Column(t(msg))
            )
    st.dataframe(frame, hide_index=True, key=key, column_config=config)


def import_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Let the user name the file's segment and region columns; return the table renamed."""
    columns = [None, *(str(c) for c in table.columns)]
    cols = st.columns(2)
    none = t("surveys.none")
    segment = cols[0].selectbox(
        t("surveys.segment_column"),
        columns,
        key="import_segment_col",
        format_func=lambda c: none if c is None else str(c),
    )
    region = cols[1].selectbox(
        t("surveys.region_column"),
        columns,
        key="import_region_col",
        format_func=lambda c: none if c is None else str(c),
    )
    chosen = {c: name for c, name in ((segment, "segment"), (region, "region")) if c}
    if not chosen:
        return table
    kept = table.drop(columns=[c for c in ("segment", "region") if c in table and c not in chosen])
    return kept.rename(columns=chosen)


def pick_question(scored: list[Question], texts: dict[str, str], key: str) -> Question:
    """Show a picker of the scored questions (by their wording); return the chosen question."""
    keys: list[str] = [q.key for q in scored]
    pick = st.selectbox(t("results.question"), keys, format_func=lambda k: texts.get(k, k), key=key)
    return next(q for q in scored if q.key == pick)
