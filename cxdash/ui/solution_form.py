"""The solution form: every part the method asks a solution to hold, as Streamlit widgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from cxdash.errors import StaleEdit
from cxdash.indicators import Indicator as TreeIndicator
from cxdash.solutions import (
    ACTION_STATUSES,
    FISHBONE_CATEGORIES,
    INDICATOR_FAMILIES,
    Action,
    Indicator,
    RootCause,
    Solution,
    Verification,
)
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, t
from cxdash.ui.grid import cell_day, cell_text, edit_rows, text_columns

STALE_FIELDS = ("title", "owner", "status", "impact", "effort", "risks", "contingency", "support")


def _key(scope: str, name: str) -> str:
    return f"solution_{name}_{scope}"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _actions_editor(solution: Solution, scope: str) -> tuple[Action, ...]:
    frame = pd.DataFrame(
        [vars(a) for a in solution.actions],
        columns=["step", "department", "owner", "due", "status"],
    )
    frame["due"] = pd.to_datetime(frame["due"])
    rows = edit_rows(
        frame,
        _key(scope, "actions"),
        {
            **text_columns("solutions.field", "step", "department", "owner"),
            "due": st.column_config.DateColumn(t("solutions.field.due")),
            "status": st.column_config.SelectboxColumn(
                t("solutions.field.status"), options=list(ACTION_STATUSES), default="open"
            ),
        },
    )
    return tuple(
        Action(
            cell_text(r["step"]),
            cell_text(r["department"]),
            cell_text(r["owner"]),
            cell_day(r["due"]),
            cell_text(r["status"]) or "open",
        )
        for r in rows
        if cell_text(r["step"]).strip()
    )


def _pairs_editor(
    rows: list[tuple[str, str]], key: str, first: tuple[str, list[str]], second: str, scope: str
) -> list[tuple[str, str]]:
    name, options = first
    frame = pd.DataFrame(rows, columns=["a", "b"])
    edited = edit_rows(
        frame,
        _key(scope, key),
        {
            "a": st.column_config.SelectboxColumn(t(name), options=options, default=options[0]),
            "b": st.column_config.TextColumn(t(second)),
        },
    )
    return [
        (cell_text(r["a"]), cell_text(r["b"]))
        for r in edited
        if cell_text(r["b"]).strip() and cell_text(r["a"])
    ]


def _cause_inputs(solution: Solution, scope: str) -> RootCause:
    cause = solution.root_cause
    methods = ["five_whys", "fishbone"]
    method = st.radio(
        t("solutions.field.cause_method"),
        methods,
        horizontal=True,
        index=methods.index(cause.method),
        key=_key(scope, "cause_method"),
        format_func={m: t(f"solutions.cause_method.{m}") for m in methods}.__getitem__,
    )
    whys = st.text_area(t("solutions.field.whys"), "\n".join(cause.whys), key=_key(scope, "whys"))
    st.caption(t("solutions.field.fishbone"))
    bones = _pairs_editor(
        list(cause.fishbone),
        "fishbone",
        ("solutions.field.category", list(FISHBONE_CATEGORIES)),
        "solutions.field.cause",
        scope,
    )
    return RootCause(str(method), _lines(whys), tuple(bones))


def _unique(indicators: tuple[Indicator, ...]) -> tuple[Indicator, ...]:
    """Return the indicators without repeats, in order."""
    return tuple(dict.fromkeys(indicators))


def _verification_inputs(plan: Verification, scope: str) -> Verification:
    metric = st.text_input(t("solutions.field.metric"), plan.metric, key=_key(scope, "metric"))
    cols = st.columns(4)
    baseline = cols[0].number_input(
        t("solutions.field.baseline"), value=plan.baseline, key=_key(scope, "baseline"), format="%g"
    )
    target = cols[1].number_input(
        t("solutions.field.target"), value=plan.target, key=_key(scope, "target"), format="%g"
    )
    size_key = _key(scope, "sample_size")
    # A size chosen in the sample-size planner arrives through the session state.
    size = cols[2].number_input(
        t("solutions.field.sample_size"),
        value=None if size_key in st.session_state else plan.sample_size,
        min_value=0,
        step=1,
        key=size_key,
    )
    due = cols[3].date_input(
        t("solutions.field.verify_due"), value=plan.due, key=_key(scope, "verify_due")
    )
    method = st.text_input(t("solutions.field.method"), plan.method, key=_key(scope, "method"))
    return Verification(
        metric.strip(),
        baseline,
        target,
        method.strip(),
        int(size) if size else None,
        due if isinstance(due, date) else None,
    )


def _tree_inputs(
    solution: Solution, tree: Sequence[TreeIndicator], scope: str
) -> tuple[tuple[Indicator, ...], list[tuple[str, str]]]:
    """Show the indicator-tree picker; return the picked indicators and the other monitoring."""
    known = {(i.kind, i.name): Indicator(i.name, i.kind) for i in tree}
    current = [(m.family, m.name) for m in solution.monitoring]
    picked = st.multiselect(
        t("solutions.field.tree_indicators"),
        list(known),
        default=[pair for pair in current if pair in known],
        format_func=lambda pair: f"{pair[0]} · {pair[1]}",
        key=_key(scope, "tree_indicators"),
        placeholder=t("solutions.field.tree_placeholder") if known else t("solutions.no_tree"),
    )
    return tuple(known[p] for p in picked), [pair for pair in current if pair not in known]


def form_scope(solution: Solution, draft: str = "") -> str:
    """Return the suffix of a form's widget keys: the solution id, or "new" (plus a draft's name).

    A prefilled draft gets its own keys, so fields typed into another new draft do not stick.
    """
    if solution.id is not None:
        return str(solution.id)
    return f"new_{draft}" if draft else "new"


def _base_version(solution: Solution, scope: str) -> int:
    """Return the version the open form started from, kept while its widgets live.

    Every rerun reloads the solution, so its version alone would let a save from an old form
    overwrite someone else's change; the form's starting version is what the save must name.
    """
    key = _key(scope, "base_version")
    if _key(scope, "title") not in st.session_state or key not in st.session_state:
        st.session_state[key] = solution.version
    return int(st.session_state[key])


def form_saved(solution_id: int, from_version: int) -> None:
    """Move the open form's starting version on after this session saved from it."""
    key = _key(str(solution_id), "base_version")
    if st.session_state.get(key) == from_version:
        st.session_state[key] = from_version + 1


def show_stale(err: StaleEdit) -> None:
    """Show a refused stale save: the message, the current stored values as text; rebase the form.

    The user's input stays in the form; the next save starts from the version just shown.
    """
    show_error(err)
    current = err.params.get("current", {})
    with st.container(border=True, key="solution_stale"):
        st.caption(t("solutions.stale.header"))
        for name in STALE_FIELDS:
            value = cell_text(current.get(name))
            value = t(f"solutions.status.{value}") if name == "status" and value else value
            st.text(f"{t(f'solutions.field.{name}')}: {value}")
        problems = current.get("problems") or []
        st.text(f"{t('solutions.field.problems')}: {'; '.join(map(str, problems))}")
    st.session_state[_key(str(err.params["id"]), "base_version")] = int(err.params["version"])


def solution_form(
    solution: Solution, tree: Sequence[TreeIndicator] = (), draft: str = ""
) -> Solution | None:
    """Show the solution form; return the edited solution when the user saves it."""
    scope = form_scope(solution, draft)
    base = _base_version(solution, scope)
    with st.form(_key(scope, "form")):
        title = st.text_input(t("solutions.field.title"), solution.title, key=_key(scope, "title"))
        problems = st.text_area(
            t("solutions.field.problems"), "\n".join(solution.problems), key=_key(scope, "problems")
        )
        cols = st.columns(3)
        owner = cols[0].text_input(
            t("solutions.field.owner"), solution.owner, key=_key(scope, "owner")
        )
        impact = cols[1].slider(
            t("solutions.field.impact"), 1, 5, solution.impact, key=_key(scope, "impact")
        )
        effort = cols[2].slider(
            t("solutions.field.effort"), 1, 5, solution.effort, key=_key(scope, "effort")
        )
        cause = _cause_inputs(solution, scope)
        st.caption(t("solutions.field.actions"))
        actions = _actions_editor(solution, scope)
        st.caption(t("solutions.field.monitoring"))
        from_tree, others = _tree_inputs(solution, tree, scope)
        monitoring = _pairs_editor(
            others,
            "monitoring",
            ("solutions.field.family", list(INDICATOR_FAMILIES)),
            "solutions.field.name",
            scope,
        )
        plan = _verification_inputs(solution.verification, scope)
        risks = st.text_area(t("solutions.field.risks"), solution.risks, key=_key(scope, "risks"))
        contingency = st.text_area(
            t("solutions.field.contingency"), solution.contingency, key=_key(scope, "contingency")
        )
        support = st.text_area(
            t("solutions.field.support"), solution.support, key=_key(scope, "support")
        )
        if not st.form_submit_button(t("solutions.save"), type="primary", disabled=not can_write()):
            return None
    return replace(
        solution,
        version=base,
        title=title.strip(),
        problems=_lines(problems),
        owner=owner.strip(),
        impact=int(impact),
        effort=int(effort),
        root_cause=cause,
        actions=actions,
        monitoring=_unique((*from_tree, *(Indicator(name, family) for family, name in monitoring))),
        verification=plan,
        risks=risks.strip(),
        contingency=contingency.strip(),
        support=support.strip(),
    )
