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
    overdue_actions,
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
from cxdash.ui.auth import can_write
from cxdash.ui.context import inert, lang, t


def show_missing(missing: list[str]) -> None:
    """Show what is missing before approval, as a translated list (or that nothing is)."""
    if not missing:
        st.success(t("solutions.complete"), icon=":material/task_alt:")
        return
    items = "\n".join(f"- {t(f'solutions.missing.{key}')}" for key in missing)
    st.warning(f"{t('solutions.missing_title')}\n\n{items}", icon=":material/rule:")


def status_header(solution: Solution) -> None:
    """Show the solution's status, version, priority and any overdue action as of today."""
    for action in overdue_actions(solution, date.today()):
        st.error(
            t("solutions.overdue", step=inert(action.step), due=str(action.due)),
            icon=":material/schedule:",
        )
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
    if not cols[1].button(
        t("solutions.apply"), key=f"solution_apply_{solution.id}", disabled=not can_write()
    ):
        return None
    if target in NEEDS_COMPLETE and missing_for_approval(solution):
        st.error(t("solutions.missing_title"), icon=":material/block:")
        show_missing(missing_for_approval(solution))
        return None
    return str(target)


def evidence_table(solution: Solution, editable: bool = True) -> Solution | None:
    """Show the solution's evidence as plain data; return the solution minus removed items."""
    if not solution.evidence:
        st.info(t("solutions.evidence.none"), icon=":material/query_stats:")
        return None
    rows = [
        {
            t("solutions.evidence.label"): e.label,
            t("solutions.field.category"): t(f"solutions.evidence_kind.{e.kind}"),
            "matched": e.numbers.get("matched"),
            "total": e.numbers.get("total"),
            "share %": e.numbers.get("share_pct"),
            "value": e.numbers.get("value"),
            "quotes": " | ".join(e.quotes),
        }
        for e in solution.evidence
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="evidence_shown")
    if not editable:
        return None
    labels = {i: f"{i + 1}. {e.label}" for i, e in enumerate(solution.evidence)}
    cols = st.columns([3, 1], vertical_alignment="bottom")
    drop = cols[0].multiselect(
        t("solutions.evidence.remove"),
        list(labels),
        format_func=labels.__getitem__,
        key=f"evidence_drop_{solution.id}",
    )
    if (
        not cols[1].button(
            t("solutions.apply"),
            key=f"evidence_drop_apply_{solution.id}",
            disabled=not can_write(),
        )
        or not drop
    ):
        return None
    kept = tuple(e for i, e in enumerate(solution.evidence) if i not in drop)
    return replace(solution, evidence=kept)


def evidence_query(store: Store, solution: Solution) -> Solution | None:
    """Show the feedback query; return the solution with the new evidence when it is added."""
    first, last = feedback_span(store)
    if first is None or last is None:
        st.caption(t("solutions.evidence.no_feedback"))
        return None
    st.caption(t("solutions.evidence.add"))
    top = st.columns(2)
    label = top[0].text_input(t("solutions.evidence.label"), key="evidence_label")
    terms = top[1].text_input(t("solutions.evidence.terms"), key="evidence_terms")
    cols = st.columns(4)
    dims = {d: t(f"summary.dim.{d}") for d in FILTER_COLUMNS}
    dim = str(
        cols[0].selectbox(
            t("solutions.evidence.dimension"),
            list(dims),
            format_func=dims.__getitem__,
            key="evidence_dimension",
        )
    )
    values = {"": t("solutions.evidence.any"), **{v: v for v in dimension_values(store, dim)}}
    value = cols[1].selectbox(
        t("solutions.evidence.value"),
        list(values),
        format_func=values.__getitem__,
        key=f"evidence_value_{dim}",
    )
    start = cols[2].date_input(t("solutions.evidence.start"), first, key="evidence_start")
    end = cols[3].date_input(t("solutions.evidence.end"), last, key="evidence_end")
    if not st.button(
        t("solutions.evidence.add"),
        key="evidence_add",
        icon=":material/add_chart:",
        disabled=not can_write(),
    ):
        return None
    reference = {
        "terms": [x.strip() for x in terms.replace("，", ",").split(",") if x.strip()],
        dim: value,
        "start": _iso(start),
        "end": _iso(end),
    }
    found = feedback_evidence(store, label, reference, lang=lang())
    return replace(solution, evidence=(*solution.evidence, Evidence(**found)))


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else ""
