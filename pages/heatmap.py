"""Pain-point heatmap: stage or touchpoint x problem category; click a cell to read its items."""

import streamlit as st

from cxdash.charts.journey import heatmap_figure
from cxdash.heatmap import METRICS, build_heatmap, selected_cell, worst_cell
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.ui import journey_widgets as jw
from cxdash.ui.context import label, lang, store, t

st.title(t("nav.heatmap"))
st.caption(t("heatmap.caption"))
db = store()
cycle = current_cycle_id(db)
cols = st.columns(2)
by = cols[0].segmented_control(
    t("heatmap.rows"),
    ("touchpoint", "stage"),
    default="touchpoint",
    format_func={v: t(f"heatmap.by_{v}") for v in ("touchpoint", "stage")}.__getitem__,
    key="heatmap_by",
)
metric = cols[1].segmented_control(
    t("heatmap.colour"),
    ("volume", "negative_share"),
    default="volume",
    format_func={v: t(f"heatmap.metric_{v}") for v in METRICS}.__getitem__,
    key="heatmap_metric",
)
by, metric = by or "touchpoint", metric or "volume"
cells = jw.aggregate(db, "heatmap_cells", cycle, by)
if cells.empty:
    st.info(t("heatmap.empty"))
    st.stop()

touchpoints = list_touchpoints(db)
if by == "touchpoint":
    order = list(touchpoints["key"])
    row_labels = jw.touchpoint_names(touchpoints, lang())
else:
    order = list(dict.fromkeys(touchpoints["stage"].dropna()))
    row_labels = {s: t(f"journey.stage_{s}") for s in [*order, "other"]}
grid = build_heatmap(cells, metric, order)
col_labels = {c: label("category", c) for c in grid.columns}
fig = heatmap_figure(grid, row_labels, col_labels, t(f"heatmap.metric_{metric}"))
event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", key="heatmap_chart")
worst = worst_cell(grid)
if worst:
    st.caption(
        t("heatmap.worst", row=row_labels.get(worst[0], worst[0]), category=col_labels[worst[1]])
    )

points = list(getattr(getattr(event, "selection", None), "points", []) or [])
picked = selected_cell(points)
if picked is None:
    st.info(t("heatmap.click_hint"))
    st.stop()
row, category = picked
st.subheader(t("heatmap.drill", row=row_labels.get(row, row), category=label("category", category)))
items = jw.items(db, "cell_items", cycle, by=by, row=row, category=category)
st.caption(t("heatmap.drill_count", n=len(items)))
jw.evidence_table(items, key="heatmap_items")
