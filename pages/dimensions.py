"""Dimensions: category × month, product, touchpoint, segment, channel or region, and what rises."""

import streamlit as st

from cxdash.dimensions import period_change, pivot, rising, wide
from cxdash.storage.labels import DIMENSIONS, drill_items, monthly_counts, pivot_counts
from cxdash.storage.taxonomy import load_taxonomy
from cxdash.taxonomy import display_names
from cxdash.ui.classify_widgets import labelled_table
from cxdash.ui.context import lang, store, t

MEASURES = ("items", "share", "negative_share")

st.title(t("dimensions.title"))
st.caption(t("dimensions.caption"))
workspace = store()
tax = load_taxonomy(workspace)
monthly = monthly_counts(workspace)
if monthly.empty:
    st.info(t("classify.no_labels"), icon=":material/label:")
    st.stop()
names = display_names(tax, lang())

st.subheader(t("dimensions.rising"))
months = sorted(monthly["month"].unique())[1:][::-1]  # every month that has one before it
chosen = st.selectbox(t("dimensions.compare_month"), months, key="dim_month") if months else None
changes = period_change(monthly, chosen)
up = rising(changes)
if not changes.empty:
    st.caption(
        t(
            "dimensions.rising_help",
            month=changes["month"].iloc[0],
            previous=changes["previous_month"].iloc[0],
        )
    )
if up.empty:
    st.info(t("dimensions.none_rising"))
else:
    labelled_table(up, names, "rising_table")
with st.expander(t("dimensions.changes")):
    labelled_table(changes, names, "changes_table")

cols = st.columns(2)
dimension = cols[0].selectbox(
    t("dimensions.dimension"),
    list(DIMENSIONS),
    format_func=lambda d: t(f"dimensions.options.{d}"),
    key="dim_dimension",
)
measure = cols[1].selectbox(
    t("dimensions.measure"),
    MEASURES,
    format_func=lambda m: t(f"dimensions.options.{m}"),
    key="dim_measure",
)
cells = pivot(pivot_counts(workspace, str(dimension)))
table = wide(cells, str(measure))
table.index = [names.get(k, k) for k in table.index]
number_format = "%d" if measure == "items" else "%.1f%%"
shown = table if measure == "items" else table * 100
st.dataframe(
    shown,
    width="stretch",
    key="pivot_table",
    column_config={c: st.column_config.NumberColumn(format=number_format) for c in shown.columns},
)

st.subheader(t("dimensions.drill"))
left, right = st.columns(2)
category = left.selectbox(
    t("taxonomy.category"),
    sorted(cells["category"].unique()),
    format_func=lambda k: names.get(k, k),
    key="drill_category",
)
values = sorted(cells.loc[cells["category"] == category, "value"].unique())
value = right.selectbox(t("dimensions.value"), values, key="drill_value")
if category and value is not None:
    labelled_table(
        drill_items(workspace, str(category), str(dimension), str(value)), names, "drill_table"
    )
