"""Overview: headline counts, the volume trend, the channel mix and the latest imports."""

from datetime import timedelta

import streamlit as st

from cxdash.charts.feedback import AxisLabels, top_chart, volume_chart
from cxdash.explore import FeedbackFilter
from cxdash.storage.explore import recent_batches
from cxdash.storage.feedback import headline_counts
from cxdash.ui import cache
from cxdash.ui.context import store, t
from cxdash.ui.filters import key_label
from cxdash.ui.overview_widgets import manager_overview

RECENT_WEEKS = 26

st.title(t("overview.title"))
st.caption(t("overview.caption"))

counts = headline_counts(store())
if not counts["items"]:
    st.info(t("empty.no_feedback"), icon=":material/upload_file:")
    st.stop()

cols = st.columns(4)
for col, key in zip(cols, ("items", "channels", "customers", "batches"), strict=True):
    col.metric(t(f"overview.{key}"), f"{counts[key]:,}")
first_at, last_at = counts["first_at"], counts["last_at"]
if last_at is None:
    st.caption(t("overview.span_unknown"))
else:
    st.caption(t("overview.span", first=f"{first_at:%Y-%m-%d}", last=f"{last_at:%Y-%m-%d}"))
manager_overview()

st.page_link("pages/feedback.py", label=t("overview.explore_link"), icon=":material/manage_search:")

# Step 1 at a glance: how much feedback arrives, and through which channels.
token = cache.data_token()
recent = FeedbackFilter(
    start=None if last_at is None else (last_at - timedelta(weeks=RECENT_WEEKS)).date()
)
items_axis = t("explore.axis_items")
trend_col, mix_col = st.columns([2, 1])
weekly = cache.volume(token, recent, "week", "channel")
trend_axes = AxisLabels(
    t("overview.trend", weeks=RECENT_WEEKS), t("explore.axis_period"), items_axis
)
trend_col.plotly_chart(volume_chart(weekly, trend_axes, key_label("channel")), key="overview_trend")
mix_axes = AxisLabels(t("overview.channel_mix", weeks=RECENT_WEEKS), items_axis, "")
mix_col.plotly_chart(
    top_chart(cache.top(token, recent, "channel"), mix_axes, key_label("channel")),
    key="overview_channel_mix",
)

# The latest imports, so a team sees what arrived and when.
st.subheader(t("overview.latest_batches"))
batches = recent_batches(store())
headers = {
    "id": "#",
    "file_name": t("overview.batch_file"),
    "source": t("overview.batch_source"),
    "rows_imported": t("overview.batch_rows"),
    "rows_skipped": t("overview.batch_skipped"),
    "created_at": t("overview.batch_when"),
    "undone": t("overview.batch_undone"),
}
st.dataframe(batches, hide_index=True, column_config=headers, key="overview_batches")
