"""Retrospective: look back on communication, execution, thinking, mistakes and the solution."""

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.retrospective import HEADINGS
from cxdash.storage.cycles import current_cycle_id, list_cycles
from cxdash.storage.retrospectives import add_notes, search_notes
from cxdash.storage.solutions import list_solutions
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, store, t

st.title(t("nav.retrospective"))
st.caption(t("retro.caption"))

cycles = list_cycles(store())
numbers = dict(zip(cycles["id"], cycles["number"], strict=True))
current = current_cycle_id(store())
solutions = {
    int(r.id): t("retro.solution_option", id=int(r.id), title=r.title, n=int(r.cycle_number))
    for r in list_solutions(store()).itertuples()
}

with st.expander(t("retro.write"), expanded=True, icon=":material/edit_note:"):
    with st.form("retro_form", clear_on_submit=True):
        cycle = st.selectbox(
            t("retro.cycle"),
            list(numbers),
            index=list(numbers).index(current),
            key="retro_cycle",
            format_func={c: t("retro.cycle_n", n=n) for c, n in numbers.items()}.__getitem__,
        )
        solution = st.selectbox(
            t("retro.solution"),
            [None, *solutions],
            key="retro_solution",
            format_func=lambda s: t("retro.no_solution") if s is None else solutions[s],
        )
        notes = {}
        for heading in HEADINGS:
            st.markdown(f"**{t(f'retro.heading.{heading}')}**")
            st.caption(t(f"retro.prompt.{heading}"))
            left, right = st.columns(2)
            note = left.text_area(t("retro.note"), key=f"retro_note_{heading}", height=80)
            lesson = right.text_area(t("retro.lesson"), key=f"retro_lesson_{heading}", height=80)
            notes[heading] = (note, lesson)
        submitted = st.form_submit_button(t("retro.save"), disabled=not can_write(), type="primary")
    if submitted:
        try:
            saved = add_notes(store(), int(cycle), notes, solution)
            st.success(t("retro.saved", n=saved))
        except CxDashError as err:
            show_error(err)

st.subheader(t("retro.lessons"))
left, right = st.columns([3, 1])
query = left.text_input(t("retro.search"), key="retro_search")
lessons_only = right.checkbox(t("retro.lessons_only"), key="retro_lessons_only")
found = search_notes(store(), query, lessons_only=lessons_only)
if found.empty:
    st.info(t("retro.none"), icon=":material/search_off:")
else:
    shown = found.assign(heading=[t(f"retro.heading.{h}") for h in found["heading"]])
    columns = ["cycle_number", "solution", "heading", "note", "lesson", "created_by"]
    st.dataframe(
        shown[columns].rename(columns={c: t(f"retro.col.{c}") for c in columns}),
        hide_index=True,
        key="retro_table",
    )
