"""Overview: the workspace's headline counts."""

import streamlit as st

from cxdash.storage.feedback import headline_counts
from cxdash.ui.context import store, t
from cxdash.ui.overview_widgets import manager_overview

st.title(t("overview.title"))
st.caption(t("overview.caption"))

counts = headline_counts(store())
if not counts["items"]:
    st.info(t("empty.no_feedback"), icon=":material/upload_file:")
    st.stop()

cols = st.columns(4)
for col, key in zip(cols, ("items", "channels", "customers", "batches"), strict=True):
    col.metric(t(f"overview.{key}"), f"{counts[key]:,}")
st.caption(
    t("overview.span", first=f"{counts['first_at']:%Y-%m-%d}", last=f"{counts['last_at']:%Y-%m-%d}")
)
manager_overview()
