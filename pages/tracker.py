"""Solution tracker: every solution by status, with progress, overdue items and latest verdict."""

from datetime import date

import streamlit as st

from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.tracker import (
    latest_verdicts,
    open_action_items,
    tracker_actions,
    tracker_solutions,
)
from cxdash.tracker import overdue_work, tracker_table
from cxdash.ui import tracker_board as tb
from cxdash.ui.context import store, t

st.title(t("tracker.title"))
st.caption(t("tracker.caption"))
db = store()
row = st.columns(4)
with row[0]:
    cycle_id = tb.cycle_filter(db, current_cycle_id(db))
as_of = row[1].date_input(t("tracker.as_of"), date.today(), key="tracker_as_of")
as_of = as_of if isinstance(as_of, date) else date.today()

solutions = tracker_solutions(db, cycle_id)
if solutions.empty:
    st.info(t("tracker.empty"), icon=":material/view_kanban:")
    st.page_link("pages/solutions.py", label=t("nav.solutions"), icon=":material/lightbulb:")
    st.stop()

steps = tracker_actions(db, cycle_id)
items = open_action_items(db)
items = items if cycle_id is None else items[items["cycle_id"] == cycle_id]
table = tracker_table(solutions, steps, items, latest_verdicts(db), as_of)
shown = tb.people_filters(table, row[2], row[3])
versions = dict(zip(solutions["id"].astype(int), solutions["version"].astype(int), strict=True))

views = ["board", "table"]
names = {v: t(f"tracker.view_{v}") for v in views}
view = st.segmented_control(
    t("tracker.view"), views, default="board", key="tracker_view", format_func=names.__getitem__
)
if view == "table":
    tb.table_view(shown)
else:
    # A move applies to the version the user saw (the previous run's), so a change made
    # meanwhile by someone else is refused instead of overwritten.
    seen = {**versions, **st.session_state.get("tracker_versions", {})}
    st.session_state["tracker_versions"] = versions
    clicked = tb.board(shown)
    if clicked and tb.apply_move(db, clicked[0], clicked[1], seen[int(clicked[0]["id"])]):
        st.session_state.pop("tracker_versions", None)
        st.rerun()

st.subheader(t("tracker.overdue_header"))
tb.overdue_view(overdue_work(items, steps, as_of), as_of, "tracker_overdue")
