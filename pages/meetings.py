"""Meetings (step 7): log the cross-department meetings, their decisions and action items."""

from datetime import date

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError
from cxdash.meetings import (
    Meeting,
    is_overdue,
    meeting_from_record,
    meeting_to_record,
    meeting_warnings,
    validate_meeting,
)
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.meetings import list_action_items, list_meetings, load_meeting, save_meeting
from cxdash.storage.solutions import list_solutions
from cxdash.ui.context import inert, show_error, store, t
from cxdash.ui.solution_meeting import meeting_form, minutes_downloads

PICK, NEXT_PICK = "meeting_pick", "meeting_next_pick"

st.title(t("meetings.title"))
st.caption(t("meetings.caption"))
db = store()
cycle_id = current_cycle_id(db)
# Meetings and their commitments stay listed after their cycle closes: overdue is overdue.
solutions = list_solutions(db)
titles = dict(zip(solutions["id"].astype(int), solutions["title"], strict=True))
as_of = st.date_input(t("meetings.as_of"), date.today(), key="meeting_as_of")
as_of = as_of if isinstance(as_of, date) else date.today()

items = list_action_items(db)
if not items.empty:
    due = pd.to_datetime(items["due_date"]).dt.date
    items["overdue"] = [
        s != "done" and d < as_of for s, d in zip(items["status"], due, strict=True)
    ]
    late = int(items["overdue"].sum())
    if late:
        st.warning(
            t("meetings.overdue_count", n=late, day=as_of.isoformat()), icon=":material/schedule:"
        )
    with st.expander(t("meetings.all_items"), expanded=bool(late)):
        shown = items.drop(columns=["cycle_id", "meeting_id"])
        shown["status"] = [t(f"solutions.action_status.{s}") for s in shown["status"]]
        shown["overdue"] = [t("meetings.overdue") if o else "" for o in shown["overdue"]]
        st.dataframe(shown, hide_index=True, width="stretch")

meetings = list_meetings(db)
if meetings.empty:
    st.info(t("meetings.empty"), icon=":material/groups:")
names = {int(r.id): f"{r.held_on:%Y-%m-%d} {r.title}" for r in meetings.itertuples()}
if NEXT_PICK in st.session_state:
    st.session_state[PICK] = st.session_state.pop(NEXT_PICK)
pick = st.selectbox(
    t("meetings.pick"),
    [0, *names],
    key=PICK,
    format_func={0: t("meetings.new"), **names}.__getitem__,
)

try:
    meeting = (
        meeting_from_record(load_meeting(db, int(pick)))
        if pick
        else Meeting(cycle_id, "department_heads", as_of, "")
    )
except CxDashError as err:
    show_error(err)
    st.stop()

for warning in meeting_warnings(meeting):
    st.info(t(f"meetings.warning.{warning}"), icon=":material/tips_and_updates:")
if meeting.id is not None:
    late_items = [i.title for i in meeting.action_items if is_overdue(i, as_of)]
    for title in late_items:
        st.error(f"{t('meetings.overdue')}: {inert(title)}", icon=":material/schedule:")
    minutes_downloads(meeting, as_of, titles)

edited = meeting_form(meeting, titles)
if edited is not None:
    try:
        validate_meeting(edited)
        saved = save_meeting(db, meeting_to_record(edited))
    except CxDashError as err:
        show_error(err)
    else:
        st.session_state[NEXT_PICK] = saved
        st.toast(t("meetings.saved", id=saved))
        st.rerun()
