"""Explore feedback: step 1's items by time, customer type and channel; paged and exported."""

import streamlit as st

from cxdash.charts.feedback import AxisLabels, rating_chart, top_chart, volume_chart
from cxdash.explore import (
    PAGE_SIZES,
    PERIODS,
    SORT_COLUMNS,
    STACK_DIMENSIONS,
    TABLE_COLUMNS,
    FeedbackFilter,
    labelled_rows,
    page_count,
    page_offset,
)
from cxdash.export import MIME, XLSX_MAX_ROWS, export_bytes
from cxdash.storage.explore import iter_export
from cxdash.storage.taxonomy import load_taxonomy
from cxdash.taxonomy import display_names
from cxdash.ui import cache
from cxdash.ui.context import inert, label, lang, store, t
from cxdash.ui.filters import feedback_filter, key_label

st.title(t("explore.title"))
st.caption(t("explore.caption"))

token = cache.data_token()
total = cache.matching(token, FeedbackFilter())
if not total:
    st.info(t("empty.no_feedback"), icon=":material/upload_file:")
    st.stop()

flt = feedback_filter(token)
count = cache.matching(token, flt)
st.markdown(
    t("explore.matching", count=f"{count:,}", total=f"{total:,}", share=f"{count / total:.1%}")
)
if not count:
    st.warning(t("explore.no_match"), icon=":material/filter_alt_off:")
    st.stop()

# Volume over time, stacked by a dimension of the user's choice.
left, right = st.columns(2)
period = left.radio(
    t("explore.period"),
    PERIODS,
    index=2,
    format_func={p: t(f"explore.period_name.{p}") for p in PERIODS}.__getitem__,
    horizontal=True,
    key="period",
)
stack = right.radio(
    t("explore.stack_by"),
    STACK_DIMENSIONS,
    format_func={d: t(f"explore.dim.{d}") for d in STACK_DIMENSIONS}.__getitem__,
    horizontal=True,
    key="stack_by",
)
items_axis = t("explore.axis_items")
volume_axes = AxisLabels(t("explore.volume_title"), t("explore.axis_period"), items_axis)
volume = cache.volume(token, flt, period, stack)
st.plotly_chart(volume_chart(volume, volume_axes, key_label(stack)), key="volume_chart")

# Where the feedback comes from, who sends it, and how it rates.
columns = st.columns(3)
for column, dim in zip(columns, ("channel", "segment"), strict=False):
    axes = AxisLabels(t("explore.top_title", dimension=t(f"explore.dim.{dim}")), items_axis, "")
    column.plotly_chart(
        top_chart(cache.top(token, flt, dim), axes, key_label(dim)), key=f"top_{dim}"
    )
rated = cache.ratings(token, flt)
if rated.empty:
    columns[2].info(t("explore.no_ratings"))
else:
    axes = AxisLabels(t("explore.rating_title"), t("explore.axis_rating"), items_axis)
    columns[2].plotly_chart(rating_chart(rated, axes), key="rating_chart")

# The items themselves, one page at a time, fetched from the database page by page.
st.subheader(t("explore.table"))
sort_col, order_col, size_col = st.columns(3)
column_names = {c: t(f"explore.col.{c}") for c in TABLE_COLUMNS}
sort = sort_col.selectbox(
    t("explore.sort_by"), SORT_COLUMNS, format_func=column_names.__getitem__, key="sort"
)
descending = order_col.toggle(t("explore.descending"), value=True, key="descending")
size = size_col.selectbox(t("explore.page_size"), PAGE_SIZES, index=1, key="page_size")
pages = page_count(count, size)
if int(st.session_state.get("page", 1)) > pages:
    st.session_state["page"] = 1
page = st.pagination(pages, key="page")
offset = page_offset(page, size, count)
rows = cache.page_rows(token, flt, offset, size, sort, descending)
shown = labelled_rows(rows, label, display_names(load_taxonomy(store()), lang()))
picked = st.dataframe(
    shown,
    hide_index=True,
    column_config=column_names,
    on_select="rerun",
    selection_mode="single-row",
    key="items_table",
)
for position in picked.selection.rows[:1]:
    # The full text of the chosen item, as plain text (never markdown or HTML).
    with st.container(border=True, key="item_detail"):
        item = shown.iloc[position]
        st.caption(f"#{item['id']} · {item['received_at']:%Y-%m-%d %H:%M} · {item['channel']}")
        if isinstance(item.get("subject"), str):
            st.markdown(f"**{inert(item['subject'])}**")
        st.text(str(item["text"]))
st.caption(
    t(
        "explore.page_caption",
        first=f"{offset + 1:,}",
        last=f"{offset + len(rows):,}",
        total=f"{count:,}",
        page=page,
        pages=pages,
    )
)

# Export of the whole filtered set, generated only when a download button is pressed.
st.subheader(t("explore.export"))
st.caption(t("explore.export_help", count=f"{count:,}"))
workspace = store()
csv_col, xlsx_col = st.columns(2)
for column, fmt in ((csv_col, "csv"), (xlsx_col, "xlsx")):
    column.download_button(
        t(f"explore.download_{fmt}"),
        data=lambda fmt=fmt: export_bytes(iter_export(workspace, flt), fmt),
        file_name=f"cxdash-feedback.{fmt}",
        mime=MIME[fmt],
        on_click="ignore",
        disabled=fmt == "xlsx" and count > XLSX_MAX_ROWS,
        icon=":material/download:",
        key=f"download_{fmt}",
    )
