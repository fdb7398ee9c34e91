"""Adding data support to a solution: a category, a TOP key point, a survey result, an indicator."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.keypoints import top_key_points
from cxdash.solution_evidence import (
    category_evidence,
    indicator_evidence,
    key_point_evidence,
    survey_result_evidence,
)
from cxdash.solutions import EVIDENCE_KINDS, Evidence, Solution
from cxdash.storage import Store
from cxdash.storage.indicators import list_indicators
from cxdash.storage.surveys import list_surveys, survey_questions
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.survey_scores import scored_questions
from cxdash.ui import journey_cache
from cxdash.ui.auth import can_write
from cxdash.ui.context import label, lang, show_error, t
from cxdash.ui.solution_form import form_scope
from cxdash.ui.solution_panels import evidence_query
from cxdash.ui.survey_widgets import sample_size_planner


def touchpoint_names(db: Store) -> dict[str, str]:
    """Return touchpoint key → display name in the session language."""
    tps = list_touchpoints(db)
    return dict(zip(tps["key"], tps[f"name_{lang()}"], strict=True))


def draft_from_key_point(db: Store, cycle_id: int, touchpoint: str, category: str) -> Solution:
    """Return a new solution draft answering a key point, with its evidence attached."""
    found = key_point_evidence(
        db, cycle_id, touchpoint, category, lang(), touchpoint_names(db).get(touchpoint, "")
    )
    rank = found["numbers"]["rank"]
    problem = t("solutions.key_point_problem", rank=rank, label=found["label"])
    return Solution(found["label"], cycle_id, problems=(problem,), evidence=(Evidence(**found),))


def _pick_category(db: Store, cycle_id: int) -> dict[str, Any] | None:
    cats = list(journey_cache.aggregate(db, "category_volumes", cycle_id)["category"])
    if not cats:
        st.caption(t("solutions.evidence.no_categories"))
        return None
    cat = st.selectbox(
        t("solutions.evidence.pick_category"),
        cats,
        format_func=lambda c: label("category", c),
        key="evidence_category",
    )
    if not st.button(
        t("solutions.evidence.add"), key="evidence_add_category", disabled=not can_write()
    ):
        return None
    return category_evidence(db, cycle_id, str(cat), lang())


def _pick_key_point(db: Store, cycle_id: int) -> dict[str, Any] | None:
    top = top_key_points(db, cycle_id, 20)
    if top.empty:
        st.caption(t("surveys.no_key_points"))
        return None
    names = touchpoint_names(db)
    cells = {int(r.rank): (str(r.touchpoint), str(r.category)) for r in top.itertuples()}
    rank = st.selectbox(
        t("solutions.evidence.pick_key_point"),
        list(cells),
        format_func=lambda k: t(
            "surveys.key_point_option",
            rank=k,
            touchpoint=names.get(cells[k][0], cells[k][0]),
            category=label("category", cells[k][1]),
        ),
        key="evidence_key_point",
    )
    if not st.button(
        t("solutions.evidence.add"), key="evidence_add_key_point", disabled=not can_write()
    ):
        return None
    tp, cat = cells[int(rank)]
    return key_point_evidence(db, cycle_id, tp, cat, lang(), names.get(tp, ""))


def _pick_survey_result(db: Store) -> dict[str, Any] | None:
    surveys = list_surveys(db)
    surveys = surveys[surveys["responses"] > 0]
    if surveys.empty:
        st.caption(t("solutions.evidence.no_surveys"))
        return None
    titles: dict[int, str] = dict(zip(surveys["id"].astype(int), surveys["name"], strict=True))
    cols = st.columns(2)
    survey = int(
        cols[0].selectbox(
            t("surveys.pick"), list(titles), format_func=lambda k: titles[k], key="evidence_survey"
        )
        or 0
    )
    texts: dict[str, str] = {q.key: q.text for q in scored_questions(survey_questions(db, survey))}
    if not texts:
        st.caption(t("results.no_scored"))
        return None
    key = cols[1].selectbox(
        t("results.question"), list(texts), format_func=lambda k: texts[k], key="evidence_question"
    )
    if not st.button(
        t("solutions.evidence.add"), key="evidence_add_survey", disabled=not can_write()
    ):
        return None
    return survey_result_evidence(db, survey, str(key))


def _pick_indicator(db: Store) -> dict[str, Any] | None:
    tree: dict[str, str] = {i.key: f"{i.kind} · {i.name}" for i in list_indicators(db)}
    if not tree:
        st.caption(t("solutions.evidence.no_indicators"))
        return None
    key = st.selectbox(
        t("solutions.evidence.pick_indicator"),
        list(tree),
        format_func=lambda k: tree[k],
        key="evidence_indicator",
    )
    if not st.button(
        t("solutions.evidence.add"), key="evidence_add_indicator", disabled=not can_write()
    ):
        return None
    return indicator_evidence(db, str(key))


def add_evidence(db: Store, cycle_id: int, solution: Solution) -> Solution | None:
    """Show the evidence builders; return the solution with the new evidence when one is added."""
    kind = st.segmented_control(
        t("solutions.evidence.kind"),
        EVIDENCE_KINDS,
        default="feedback_query",
        format_func=lambda k: t(f"solutions.evidence_kind.{k}"),
        key="evidence_kind",
    )
    try:
        if kind == "category":
            found = _pick_category(db, cycle_id)
        elif kind == "key_point":
            found = _pick_key_point(db, cycle_id)
        elif kind == "survey_result":
            found = _pick_survey_result(db)
        elif kind == "indicator":
            found = _pick_indicator(db)
        else:
            return evidence_query(db, solution)
    except CxDashError as err:
        show_error(err)
        return None
    if found is None:
        return None
    return replace(solution, evidence=(*solution.evidence, Evidence(**found)))


def plan_sample_size(solution: Solution, draft: str = "") -> None:
    """Show the sample-size planner; its n can be put into the verification plan."""
    with st.expander(t("solutions.plan_sample"), icon=":material/calculate:"):
        plan = sample_size_planner()
        if plan is not None and st.button(
            t("solutions.use_sample", n=f"{plan.n:,}"), key="solution_use_sample"
        ):
            # The form below is not drawn yet in this run, so its field may still be set.
            st.session_state[f"solution_sample_size_{form_scope(solution, draft)}"] = plan.n
            st.toast(t("solutions.sample_used", n=f"{plan.n:,}"))
