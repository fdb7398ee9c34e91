"""One-page report (step 7): preview, export (PPTX, PDF, Markdown), presentation mode, summary."""

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.solutions import cycle_solution_ids, list_solutions
from cxdash.ui.context import show_error, store, t
from cxdash.ui.present import SLIDE_KEY, present
from cxdash.ui.solution_report import downloads, make_report, render_preview
from cxdash.ui.solution_summary import summary_view

db = store()
cycle_id = current_cycle_id(db)
# Every solution can be reported on, a closed cycle's verified one too; the open cycle's come first.
listing = list_solutions(db).sort_values("cycle_id", key=lambda c: c != cycle_id, kind="stable")
titles = dict(zip(listing["id"].astype(int), listing["title"], strict=True))


def chosen() -> tuple[list[int], int | None]:
    """Return the solution ids and (for a cycle report) the cycle the URL or widgets ask for."""
    asked = str(st.query_params.get("solution", ""))
    if asked.isdigit() and int(asked) in titles:
        return [int(asked)], None
    if st.query_params.get("cycle") or not titles:
        return cycle_solution_ids(db, cycle_id), cycle_id
    return [next(iter(titles))], None


if st.query_params.get("present") == "1" and titles:
    ids, for_cycle = chosen()
    try:
        present(make_report(db, ids, for_cycle, True), make_report(db, ids, for_cycle, False))
    except CxDashError as err:
        show_error(err)
    st.stop()

st.title(t("report.title"))
st.caption(t("report.caption"))
modes = ["solution", "cycle", "summary"]
mode = st.segmented_control(
    t("report.mode"),
    modes,
    key="report_mode",
    default="solution",
    format_func={m: t(f"report.mode_{m}") for m in modes}.__getitem__,
)
if mode == "summary":
    summary_view(db)
    st.stop()
if not titles:
    st.info(t("report.empty"), icon=":material/lightbulb:")
    st.stop()

if mode == "cycle":
    ids, for_cycle = cycle_solution_ids(db, cycle_id), cycle_id
    if not ids:
        st.info(t("report.cycle_empty"), icon=":material/lightbulb:")
        st.stop()
    link = {"present": "1", "cycle": str(cycle_id)}
else:
    pick = st.selectbox(
        t("report.pick_solution"),
        list(titles),
        key="report_solution",
        format_func=lambda i: f"#{i} {titles[i]}",
    )
    ids, for_cycle = [int(pick)], None
    link = {"present": "1", "solution": str(pick)}

try:
    report = make_report(db, ids, for_cycle, False)
except CxDashError as err:
    show_error(err)
    st.stop()

downloads(report)
if st.button(t("report.present_link"), key="report_present", icon=":material/slideshow:"):
    st.session_state[SLIDE_KEY] = 0
    st.query_params.from_dict({**st.query_params.to_dict(), **link})
    st.rerun()
render_preview(report)
