"""Indicators: the KPI/KCI/KQI tree with RAG status, links, values and link analysis."""

import pandas as pd
import streamlit as st

from cxdash import indicators as ind
from cxdash.charts import quality as charts
from cxdash.errors import CxDashError
from cxdash.quality_mapping import suggest_mapping
from cxdash.storage import indicators as saved
from cxdash.ui import quality_widgets as qw
from cxdash.ui.auth import can_write
from cxdash.ui.context import label, show_error, store, t

st.title(t("nav.indicators"))
st.caption(t("quality.ind_caption"))
db = store()
indicators, values = saved.tree_inputs(db)
from_surveys = len(indicators) - len(saved.list_indicators(db))
links = saved.list_links(db)
tree_tab, define_tab, import_tab, link_tab = st.tabs(
    [
        t("quality.tab_tree"),
        t("quality.tab_define"),
        t("quality.tab_import"),
        t("quality.tab_links"),
    ]
)

with tree_tab:
    if not indicators:
        st.info(t("quality.ind_empty"), icon=":material/account_tree:")
    else:
        tree = ind.tree_frame(indicators, links, ind.current_values(values))
        fig = charts.indicator_tree(tree, t("quality.tree_root"), t("quality.target"))
        st.plotly_chart(fig, key="indicator_tree")
        shown = tree.drop(columns=["id", "parent"]).assign(
            status=[label("rag", s) for s in tree["status"]]
        )
        st.dataframe(shown, hide_index=True, key="tree_table")
        st.caption(t("quality.from_surveys", count=from_surveys))
        alerts = ind.alerts_from(indicators, ind.current_values(values))
        for row in alerts.itertuples():
            st.error(
                t("quality.alert", name=row.name, value=f"{row.value:.2f}", limit=row.threshold)
            )

with define_tab, st.form("define_indicator"):
    st.subheader(t("quality.define_title"))
    c1, c2, c3 = st.columns(3)
    key = c1.text_input(t("quality.ind_key"), key="ind_key")
    name = c2.text_input(t("quality.ind_name"), key="ind_name")
    kind = c3.selectbox(t("quality.ind_kind"), ind.KINDS, key="ind_kind")
    unit = c1.text_input(t("quality.ind_unit"), key="ind_unit")
    direction = c2.selectbox(
        t("quality.ind_direction"),
        ind.DIRECTIONS,
        key="ind_direction",
        format_func={d: label("direction", d) for d in ind.DIRECTIONS}.__getitem__,
    )
    target = c3.number_input(t("quality.target"), value=None, key="ind_target")
    threshold = c1.number_input(t("quality.threshold"), value=None, key="ind_threshold")
    if st.form_submit_button(t("quality.save_indicator"), disabled=not can_write()):
        try:
            saved.save_indicator(
                db, ind.Indicator(key.strip(), name, kind, unit, direction, target, threshold)
            )
            st.success(t("quality.saved"))
            st.rerun()
        except CxDashError as err:
            show_error(err)

kpis = [i.key for i in indicators if i.kind == "KPI"]
drivers = [i.key for i in indicators if i.kind != "KPI"]
with define_tab:
    st.subheader(t("quality.link_title"))
    if not kpis or not drivers:
        st.info(t("quality.link_empty"))
    else:
        c1, c2 = st.columns(2)
        kpi_key = c1.selectbox("KPI", kpis, key="link_kpi")
        driver_key = c2.selectbox(t("quality.driver"), drivers, key="link_driver")
        if st.button(t("quality.add_link"), key="add_link", disabled=not can_write()):
            try:
                saved.add_link(db, kpi_key, driver_key)
                st.rerun()
            except CxDashError as err:
                show_error(err)
        st.dataframe(links, hide_index=True, key="links_table")

with import_tab:
    st.caption(t("quality.values_help"))
    upload = qw.upload_table("values_file")
    if upload is not None:
        frame, filename = upload
        mapping = qw.mapping_editor(
            list(frame.columns),
            "indicator_values",
            suggest_mapping(list(frame.columns), "indicator_values"),
            "values_map",
        )
        mapped = qw.validated(frame, mapping, "indicator_values")
        if mapped is not None and qw.confirm_write(mapped, "values"):
            try:
                written = saved.save_values(db, mapped.frame, source=filename)
                st.success(t("quality.values_saved", rows=written))
            except CxDashError as err:
                show_error(err)

with link_tab:
    if links.empty:
        st.info(t("quality.analysis_empty"))
        st.stop()
    pairs = [f"{k} ← {d}" for k, d in links.itertuples(index=False)]
    chosen = st.selectbox(t("quality.choose_link"), pairs, key="analysis_link")
    kpi_key, driver_key = chosen.split(" ← ")
    result = ind.analyse_link(kpi_key, driver_key, values)
    corr, slope = result.correlation, result.elasticity
    if pd.isna(corr["rho"]):
        st.warning(t("quality.too_few_pairs", n=corr["n"]))
        st.stop()
    m1, m2, m3 = st.columns(3)
    m1.metric(t("quality.spearman"), f"{corr['rho']:.2f}")
    m1.caption(t("quality.ci", low=f"{corr['low']:.2f}", high=f"{corr['high']:.2f}", n=corr["n"]))
    m2.metric(t("quality.p_value"), f"{corr['p']:.3g}")
    m3.metric(t("quality.elasticity"), "–" if pd.isna(slope["slope"]) else f"{slope['slope']:.2f}")
    if not pd.isna(slope["slope"]):
        m3.caption(
            t("quality.elasticity_help", low=f"{slope['low']:.2f}", high=f"{slope['high']:.2f}")
        )
    st.warning(t("quality.causation_caution"), icon=":material/warning:")
    left, right = st.columns(2)
    left.plotly_chart(charts.link_scatter(result.pairs, driver_key, kpi_key), key="link_scatter")
    right.plotly_chart(
        charts.lag_bars(result.lags, t("quality.lag"), t("quality.spearman")), key="lag_bars"
    )
    st.caption(t("quality.lag_help"))
