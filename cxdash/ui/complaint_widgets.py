"""Widgets of the complaints page: binding imported root causes, and the root-cause form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError
from cxdash.root_causes import bind_tickets, root_cause_view
from cxdash.storage import tickets as saved
from cxdash.storage.db import Store
from cxdash.storage.solutions import list_solutions
from cxdash.storage.taxonomy import load_taxonomy
from cxdash.taxonomy import display_names
from cxdash.ui.auth import can_write
from cxdash.ui.context import lang, show_error, t


def bound_for_import(db: Store, tickets: pd.DataFrame) -> pd.DataFrame:
    """Return the tickets with root-cause categories and solutions bound; warn about unknowns."""
    bound = bind_tickets(tickets, load_taxonomy(db), saved.solution_ids(db))
    if bound.unknown_categories:
        st.warning(t("quality.unknown_cause_categories", names=", ".join(bound.unknown_categories)))
    if bound.unknown_solutions:
        st.warning(t("quality.unknown_solutions", ids=", ".join(bound.unknown_solutions)))
    return bound.frame


def _choices(db: Store) -> tuple[dict[str, str], dict[str, str]]:
    """Return the category and solution choices: stored value → display text ("" = none)."""
    none = {"": t("quality.no_choice")}
    tax = load_taxonomy(db)
    categories = {**none, **(display_names(tax, lang()) if not tax.empty else {})}
    found = list_solutions(db)
    pairs = zip(found["id"], found["title"], strict=True)
    solutions = {str(i): f"#{i} {title}" for i, title in pairs}
    return categories, {**none, **solutions}


def root_cause_form(db: Store, tickets: pd.DataFrame) -> None:
    """Show the form that records a ticket's root cause, then the recorded root causes."""
    categories, solutions = _choices(db)
    st.caption(t("quality.cause_help"))
    if len(categories) == 1:
        st.info(t("quality.cause_no_taxonomy"))
    with st.form("root_cause_form"):
        ticket_id = st.text_input(t("quality.ticket_id"), key="cause_ticket")
        cause = st.text_area(t("quality.root_cause"), key="cause_text")
        c1, c2 = st.columns(2)
        category = c1.selectbox(
            t("quality.cause_category"), list(categories), format_func=categories.__getitem__,
            key="cause_category",
        )  # fmt: skip
        solution = c2.selectbox(
            t("quality.solution_id"), list(solutions), format_func=solutions.__getitem__,
            key="cause_solution",
        )  # fmt: skip
        rectified = st.checkbox(t("quality.rectified_now"), key="cause_rectified")
        if st.form_submit_button(t("quality.save_cause"), disabled=not can_write()):
            try:
                saved.record_root_cause(db, ticket_id.strip(), cause, category, solution, rectified)
                st.success(t("quality.saved"))
            except CxDashError as err:
                show_error(err)
    st.subheader(t("quality.recorded_causes"))
    view = root_cause_view(tickets, load_taxonomy(db), list_solutions(db), lang())
    st.dataframe(view, hide_index=True, key="cause_table")
