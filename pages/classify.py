"""Classify & review: run the classifier, correct the least confident labels, see every label."""

import streamlit as st

from cxdash.classify import run_classification
from cxdash.errors import CxDashError
from cxdash.storage.feedback import count_feedback
from cxdash.storage.labels import (
    items_with_labels,
    label_summary,
    labels_of,
    review_queue,
    set_person_label,
)
from cxdash.storage.taxonomy import current_version, load_taxonomy
from cxdash.taxonomy import display_names
from cxdash.ui.auth import can_write
from cxdash.ui.classify_widgets import category_picker, labelled_table
from cxdash.ui.context import inert, label, lang, show_error, store, t

QUEUE_SIZE = 10

st.title(t("review.title"))
st.caption(t("review.caption"))
workspace = store()
if not count_feedback(workspace):
    st.info(t("empty.no_feedback"), icon=":material/upload_file:")
    st.stop()
tax = load_taxonomy(workspace)
if tax.empty:
    st.info(t("classify.no_taxonomy"), icon=":material/account_tree:")
    st.stop()

if st.button(t("review.run"), key="review_run", disabled=not can_write(), type="primary"):
    try:
        with st.spinner(t("review.running")):
            done = run_classification(workspace)
        st.success(t("review.done", items=done.items, trained=done.trained_on))
    except CxDashError as err:
        show_error(err)

summary = label_summary(workspace)
if set(summary["origin"]) == {"none"}:
    st.info(t("classify.no_labels"), icon=":material/label:")
    st.stop()

st.subheader(t("review.origins"))
cols = st.columns(len(summary))
for col, row in zip(cols, summary.itertuples(), strict=True):
    col.metric(label("origin", row.origin), f"{row.items:,}")

names = display_names(tax, lang())
st.subheader(t("review.queue"))
st.caption(t("review.queue_help"))
queue = review_queue(workspace, QUEUE_SIZE)
if queue.empty:
    st.info(t("review.empty_queue"))
for item in queue.itertuples():
    fid = int(item.feedback_id)
    with st.container(border=True, key=f"queue_{fid}"):
        st.caption(t("review.item", id=fid))
        if isinstance(item.subject, str):
            st.markdown(f"**{inert(item.subject)}**")
        st.text(item.text)
        st.caption(
            t(
                "review.confidence",
                category=names.get(item.category, str(item.category)),
                conf=float(item.category_conf or 0),
                origin=label("origin", item.category_origin),
            )
        )
        pick_col, go_col = st.columns([4, 1], vertical_alignment="bottom")
        with pick_col:
            current = item.category if isinstance(item.category, str) else None
            chosen = category_picker(tax, t("review.correct"), f"fix_{fid}", default=current)
        if go_col.button(t("review.save"), key=f"fix_save_{fid}", disabled=not can_write()):
            set_person_label(
                workspace, [fid], "category", str(chosen), "human", current_version(workspace)
            )
            st.session_state["review_saved"] = fid
            st.rerun()
if "review_saved" in st.session_state:
    st.success(t("review.saved"))

st.subheader(t("review.labels"))
lookup = st.number_input(t("review.lookup"), min_value=0, value=0, key="lookup_id")
if lookup:
    found = labels_of(workspace, [int(lookup)])
    with st.container(key="lookup_table"):
        st.table(found.T.astype(str))
shown = category_picker(tax, t("review.filter"), "labels_filter", extra=(None,))
labelled = items_with_labels(workspace, shown, limit=200)
labelled_table(labelled, names, "labels_table")
