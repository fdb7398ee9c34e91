"""Complaints: ticket import, the end-to-end funnel, stage metrics, slow and stuck tickets."""

import streamlit as st

from cxdash import complaints as cp
from cxdash.charts import quality as charts
from cxdash.errors import CxDashError
from cxdash.quality_mapping import suggest_mapping
from cxdash.storage import tickets as saved
from cxdash.ui import quality_widgets as qw
from cxdash.ui.auth import can_write
from cxdash.ui.context import label, show_error, store, t

st.title(t("nav.complaints"))
st.caption(t("quality.cp_caption"))
db = store()
funnel_tab, stuck_tab, cause_tab, import_tab = st.tabs(
    [
        t("quality.tab_funnel"),
        t("quality.tab_stuck"),
        t("quality.tab_cause"),
        t("quality.tab_import"),
    ]
)

with import_tab:
    st.caption(t("quality.tickets_help"))
    upload = qw.upload_table("tickets_file")
    if upload is not None:
        frame, filename = upload
        headers = list(frame.columns)
        mapping = qw.mapping_editor(
            headers, "tickets", suggest_mapping(headers, "tickets"), "tickets_map"
        )
        mapped = qw.validated(frame, mapping, "tickets")
        if mapped is not None and qw.confirm_write(mapped, "tickets"):
            try:
                written = saved.save_tickets(db, mapped.frame, source=filename)
                st.success(t("quality.tickets_saved", rows=written))
            except CxDashError as err:
                show_error(err)

if not saved.count_tickets(db):
    with funnel_tab:
        st.info(t("quality.cp_empty"), icon=":material/support_agent:")
    st.stop()

tickets = saved.load_tickets(db)
stage_labels = {s: t(f"quality.stage_{s}") for s in cp.FUNNEL_STAGES}

with funnel_tab:
    m = cp.stage_metrics(tickets)
    row1 = st.columns(5)
    row1[0].metric(t("quality.m_prevention"), qw.percent(m.prevention_share))
    row1[1].metric(t("quality.m_response"), qw.hours(m.response_median))
    row1[2].metric(t("quality.m_resolution"), qw.hours(m.resolution_median))
    row1[3].metric(t("quality.m_fcr"), qw.percent(m.first_contact_resolution))
    row1[4].metric(t("quality.m_reopen"), qw.percent(m.reopen_rate))
    row2 = st.columns(5)
    row2[0].metric(t("quality.m_coverage"), qw.percent(m.root_cause_coverage))
    row2[1].metric(t("quality.m_rectified"), qw.percent(m.rectification_completion))
    row2[2].metric(t("quality.m_response_p90"), qw.hours(m.response_p90))
    row2[3].metric(t("quality.m_resolution_p90"), qw.hours(m.resolution_p90))
    row2[4].metric(t("quality.m_tickets"), f"{m.tickets:,}")
    split = st.segmented_control(
        t("quality.split_by"),
        ["all", *cp.DIMENSIONS],
        default="all",
        key="funnel_split",
        format_func={d: t(f"quality.dim_{d}") for d in ("all", *cp.DIMENSIONS)}.__getitem__,
    )
    if split in cp.DIMENSIONS:
        long = cp.funnel_by(tickets, split)
        long[split] = [label(split, v) for v in long[split]]
        st.plotly_chart(charts.funnel_split(long, split, stage_labels), key="funnel_chart")
        by = cp.metrics_by(tickets, split)
        st.dataframe(by, hide_index=True, key="metrics_by")
    else:
        st.plotly_chart(charts.funnel(cp.funnel_counts(tickets), stage_labels), key="funnel_chart")
    st.caption(t("quality.funnel_help"))

with stuck_tab:
    c1, c2 = st.columns(2)
    slow_h = c1.number_input(t("quality.slow_hours"), 1.0, 2000.0, cp.SLOW_HOURS, key="slow_h")
    stuck_d = c2.number_input(t("quality.stuck_days"), 1.0, 365.0, cp.STUCK_DAYS, key="stuck_d")
    late = cp.slow_and_stuck(tickets, slow_h, stuck_d)
    counts = late["problem"].value_counts()
    st.caption(t("quality.late_counts", slow=counts.get("slow", 0), stuck=counts.get("stuck", 0)))
    late["problem"] = [t(f"quality.problem_kind_{p}") for p in late["problem"]]
    st.dataframe(late.round({"hours": 1}), hide_index=True, key="late_table")

with cause_tab, st.form("root_cause_form"):
    st.caption(t("quality.cause_help"))
    ticket_id = st.text_input(t("quality.ticket_id"), key="cause_ticket")
    cause = st.text_area(t("quality.root_cause"), key="cause_text")
    c1, c2 = st.columns(2)
    category = c1.text_input(t("quality.cause_category"), key="cause_category")
    solution = c2.text_input(t("quality.solution_id"), key="cause_solution")
    rectified = st.checkbox(t("quality.rectified_now"), key="cause_rectified")
    if st.form_submit_button(t("quality.save_cause"), disabled=not can_write()):
        try:
            saved.record_root_cause(db, ticket_id.strip(), cause, category, solution, rectified)
            st.success(t("quality.saved"))
        except CxDashError as err:
            show_error(err)
