"""The survey summary view: choose a dimension and a period; neutral text, charts and a table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cxdash.charts.report import summary_bars, type_mix_bars
from cxdash.storage import Store
from cxdash.storage.evidence import feedback_span, summary_counts
from cxdash.summary import TYPE_COLUMNS, describe, summarize
from cxdash.ui.context import lang, t


def summary_view(db: Store) -> None:
    """Show the neutral summary of the feedback along a chosen dimension and period."""
    st.caption(t("summary.caption"))
    first, last = feedback_span(db)
    if first is None or last is None:
        st.info(t("empty.no_feedback"), icon=":material/upload_file:")
        return
    cols = st.columns(3)
    dims = ["region", "channel", "product", "segment", "category"]
    dim = str(
        cols[0].selectbox(
            t("summary.dimension"),
            dims,
            key="summary_dimension",
            format_func={d: t(f"summary.dim.{d}") for d in dims}.__getitem__,
        )
    )
    start = cols[1].date_input(t("solutions.evidence.start"), first, key="summary_start")
    end = cols[2].date_input(t("solutions.evidence.end"), last, key="summary_end")
    if not isinstance(start, date) or not isinstance(end, date):
        return
    rows = summarize(summary_counts(db, dim, start.isoformat(), end.isoformat()))
    for line in describe(rows, t(f"summary.dim.{dim}"), lang()):
        st.text(line)
    if not rows:
        return
    st.plotly_chart(
        summary_bars(rows, t("summary.items_axis"), t("summary.rating_axis")), key="summary_bars"
    )
    labels = {k: t(f"summary.type.{k}") for k in TYPE_COLUMNS}
    st.plotly_chart(type_mix_bars(rows, labels, t("summary.type_axis")), key="summary_mix")
    table = pd.DataFrame(
        [
            {
                "value": r.value,
                "items": r.items,
                "share %": r.share_pct,
                "mean rating": r.mean_rating,
                **r.type_shares,
            }
            for r in rows
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
