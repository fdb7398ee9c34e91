"""Widgets of the Cycles page: the step board, closing a cycle, and the metric history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash.cycles import STATUSES, STEPS, carry_over_candidates, parse_new_problems
from cxdash.errors import CxDashError
from cxdash.storage.loop import carry_overs, close_cycle, metric_history, set_step
from cxdash.storage.metrics_source import data_span, snapshot_metrics
from cxdash.storage.solutions import list_solutions
from cxdash.storage.verifications import list_verifications
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, store, t

STATUS_ICON = {"todo": "○", "doing": "◐", "done": "●"}


def step_board(steps: pd.DataFrame) -> None:
    """Show the eight steps with status and sign-off."""
    shown = pd.DataFrame({
        t("cycles.col.step"): [f"{n}. {t(f'cycles.step.{k}')}" for n, k in
                               zip(steps["step"], steps["key"], strict=True)],
        t("cycles.col.status"): [f"{STATUS_ICON[s]} {t(f'cycles.status.{s}')}"
                                 for s in steps["status"]],
        t("cycles.col.signed_off_by"): steps["signed_off_by"].fillna("").astype(str),
        t("cycles.col.signed_off_at"): steps["signed_off_at"],
        t("cycles.col.note"): steps["note"],
    })  # fmt: skip
    st.dataframe(shown, hide_index=True, key="cycles_steps")


def step_editor(cycle_id: int) -> None:
    """Show the form that sets a step's status (done signs it off)."""
    step_names = {n: f"{n}. {t(f'cycles.step.{k}')}" for n, k in enumerate(STEPS, start=1)}
    status_names = {s: t(f"cycles.status.{s}") for s in STATUSES}
    with st.form("cycles_step_form"):
        cols = st.columns([2, 1, 3])
        step = cols[0].selectbox(t("cycles.col.step"), list(range(1, len(STEPS) + 1)),
                                 key="cycles_step", format_func=step_names.__getitem__)  # fmt: skip
        status = cols[1].selectbox(t("cycles.col.status"), STATUSES, key="cycles_status",
                                   format_func=status_names.__getitem__)  # fmt: skip
        note = cols[2].text_input(t("cycles.col.note"), key="cycles_note")
        if st.form_submit_button(t("cycles.save_step"), disabled=not can_write()):
            try:
                set_step(store(), cycle_id, int(step), str(status), note)
                st.rerun()
            except CxDashError as err:
                show_error(err)


def carried(cycle_id: int) -> None:
    """Show the problems carried into this cycle from the one before."""
    items = carry_overs(store(), cycle_id)
    st.subheader(t("cycles.carried"))
    if items.empty:
        st.caption(t("cycles.carried_none"))
        return
    shown = items.assign(origin=[t(f"cycles.origin.{o}") for o in items["origin"]])
    cols = ["from_cycle", "origin", "title", "status"]
    st.dataframe(shown[cols].rename(columns={c: t(f"cycles.col.{c}") for c in cols}),
                 hide_index=True, key="cycles_carried")  # fmt: skip


def _period_start() -> object:
    history = metric_history(store())
    first, _ = data_span(store())
    return history["period_end"].max() if len(history) else first


def close_form(cycle_id: int, number: int) -> None:
    """Show the close-cycle form: carried problems prefilled, new problems, then close."""
    st.subheader(t("cycles.close_header"))
    candidates = carry_over_candidates(list_verifications(store(), cycle_id),
                                       carry_overs(store(), cycle_id),
                                       list_solutions(store(), cycle_id))  # fmt: skip
    keep = st.multiselect(t("cycles.unresolved"), candidates, default=candidates,
                          key=f"cycles_unresolved_{cycle_id}")  # fmt: skip
    new_text = st.text_area(t("cycles.new_problems"), key=f"cycles_new_problems_{cycle_id}")
    if st.button(
        t("cycles.close", n=number), key="cycles_close", disabled=not can_write(), type="primary"
    ):
        items = [("unresolved", p) for p in keep]
        items += [("new", p) for p in parse_new_problems(new_text)]
        _, end = data_span(store())
        try:
            start = _period_start()
            metrics = snapshot_metrics(store(), start, end) if start is not None else []
            new_id = close_cycle(store(), cycle_id, items, metrics)
            st.session_state["cycles_pick"] = new_id
            st.session_state["cycles_opened"] = number + 1
            st.rerun()
        except CxDashError as err:
            show_error(err)


def history() -> None:
    """Show how the key metrics moved across closed cycles."""
    st.subheader(t("cycles.history"))
    found = metric_history(store())
    if found.empty:
        st.caption(t("cycles.history_none"))
        return
    found = found.assign(metric=[t(f"cycles.metric.{m}") for m in found["metric"]])
    cols = ["cycle_number", "metric", "value", "low", "high", "n", "period_start", "period_end"]
    st.dataframe(found[cols].rename(columns={c: t(f"cycles.col.{c}") for c in cols}),
                 hide_index=True, key="cycles_history")  # fmt: skip
