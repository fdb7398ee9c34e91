"""Side panels of the solutions page: completeness, status moves, and evidence from feedback."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from cxdash.solutions import (
    NEEDS_COMPLETE,
    Evidence,
    Solution,
    allowed_transitions,
    missing_for_approval,
    priority_band,
    priority_score,
)
from cxdash.storage import Store
from cxdash.storage.evidence import (
    FILTER_COLUMNS,
    dimension_values,
    feedback_evidence,
    feedback_span,
)
from cxdash.ui.context import lang, t


def show_missing(missing: list[str]) -> None:
    """Show what is missing before approval, as a translated list (or that nothing is)."""
    if not missing:
        st.success(t("solutions.complete"), icon=":material/task_alt:")
        return
    items = "\n".join(f"- {t(f'solutions.missing.{key}')}" for key in missing)
    st.warning(f"{t('solutions.missing_title')}\n\n{items}", icon=":material/rule:")


def status_header(solution: Solution) -> None:
    """Show the solution's status, version and priority as app-written captions."""
    band = priority_band(solution.impact, solution.effort)
    st.caption(
        t(
            "solutions.status_line",
            status=t(f"solutions.status.{solution.status}"),
            version=solution.version,
        )
    )
    st.caption(
        t(
            "solutions.priority_line",
            band=t(f"solutions.priority.{band}"),
            impact=solution.impact,
            ease=6 - solution.effort,
            score=priority_score(solution.impact, solution.effort),
        )
    )


def status_mover(solution: Solution) -> str | None:
    """Show the allowed status moves; return the chosen one when applied and allowed."""
    moves = allowed_transitions(solution.status)
    if not moves:
        st.caption(t("solutions.no_moves"))
        return None
    cols = st.columns([3, 1], vertical_alignment="bottom")
    target = cols[0].selectbox(
        t("solutions.move_to"),
        moves,
        key=f"solution_move_{solution.id}",
        format_func={s: t(f"solutions.status.{s}") for s in moves}.__getitem__,
    )
    if not cols[1].button(t("solutions.apply"), key=f"solution_apply_{solution.id}"):
        return None
    if target in NEEDS_COMPLETE and missing_for_approval(solution):
        st.error(t("solutions.missing_title"), icon=":material/block:")
        show_missing(missing_for_approval(solution))
        return None
    return str(target)


def evidence_table(solution: Solution) -> None:
    """Show the solution's evidence: label, kind, numbers and quotes, as plain data."""
    if not solution.evidence:
        st.info(t("solutions.evidence.none"), icon=":material/query_stats:")
        return
    rows = [
        {
            t("solutions.evidence.label"): e.label,
            t("solutions.field.category"): t(f"solutions.evidence_kind.{e.kind}"),
            "matched": e.numbers.get("matched"),
            "total": e.numbers.get("total"),
            "share %": e.numbers.get("share_pct"),
            "quotes": " | ".join(e.quotes),
        }
        for e in solution.evidence
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def evidence_query(store: Store, solution: Solution) -> Solution | None:
    """Show the feedback query form; return the solution with the new evidence when added."""
    first, last = feedback_span(store)
    if first is None or last is None:
        st.caption(t("solutions.evidence.no_feedback"))
        return None
    with st.form(f"evidence_form_{solution.id}"):
        label = st.text_input(t("solutions.evidence.label"), key="evidence_label")
        terms = st.text_input(t("solutions.evidence.terms"), key="evidence_terms")
        cols = st.columns(4)
        dim = cols[0].selectbox(
            t("solutions.evidence.dimension"),
            list(FILTER_COLUMNS),
            key="evidence_dimension",
            format_func={d: t(f"summary.dim.{d}") for d in FILTER_COLUMNS}.__getitem__,
        )
        value = cols[1].text_input(
            t("solutions.evidence.value"),
            key="evidence_value",
            help=", ".join(dimension_values(store, str(dim))[:30]),
        )
        start = cols[2].date_input(t("solutions.evidence.start"), first, key="evidence_start")
        end = cols[3].date_input(t("solutions.evidence.end"), last, key="evidence_end")
        if not st.form_submit_button(t("solutions.evidence.add")):
            return None
    reference = {
        "terms": [x.strip() for x in terms.replace("，", ",").split(",") if x.strip()],
        str(dim): value.strip(),
        "start": _iso(start),
        "end": _iso(end),
    }
    found = feedback_evidence(store, label, reference, lang=lang())
    return replace(solution, evidence=(*solution.evidence, Evidence(**found)))


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else ""
