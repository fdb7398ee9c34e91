"""Discover: cluster any filtered set of feedback, then name, map, merge and split the clusters."""

import streamlit as st

from cxdash.charts.classify import k_curve_figure
from cxdash.discover import (
    cluster_profile,
    dominant_cluster,
    next_peak,
    split_in_store,
    suggested_at_largest,
)
from cxdash.errors import CxDashError
from cxdash.storage.clusters import (
    cluster_members,
    distinct_values,
    latest_run,
    list_clusters,
    merge_clusters,
)
from cxdash.storage.feedback import count_feedback
from cxdash.storage.taxonomy import load_taxonomy
from cxdash.ui.auth import can_write
from cxdash.ui.context import label, show_error, store, t
from cxdash.ui.discover_cards import cluster_card, more_button, run_in_status, shown_count

st.title(t("discover.title"))
st.caption(t("discover.caption"))
workspace = store()
if not count_feedback(workspace):
    st.info(t("empty.no_feedback"), icon=":material/upload_file:")
    st.stop()

cols = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
channel = cols[0].selectbox(
    t("discover.channel"),
    [None, *distinct_values(workspace, "channel")],
    format_func=lambda c: t("discover.all") if c is None else label("channel", c),
    key="disc_channel",
)
k = cols[1].number_input(t("discover.k"), 0, 60, 0, key="disc_k")
limit = cols[2].number_input(t("discover.limit"), 100, 50_000, 5_000, 500, key="disc_limit")
if cols[3].button(t("discover.run"), key="disc_run", disabled=not can_write(), type="primary"):
    try:
        run_in_status(workspace, {"channel": channel} if channel else {}, int(k) or None, limit)
    except CxDashError as err:
        show_error(err)

run = latest_run(workspace)
if run is None:
    st.info(t("discover.none"), icon=":material/bubble_chart:")
    st.stop()

run_id = int(run["id"])
st.caption(t("discover.run_info", run=run_id, items=run["n_items"], k=run["k"]))
if run["k_curve"]:
    st.markdown(f"**{t('discover.curve')}**")
    st.plotly_chart(
        k_curve_figure(run["k_curve"], int(run["k"]), "k", t("discover.silhouette")),
        key="disc_curve",
    )
    if not run["settings"].get("k") and suggested_at_largest(run["k_curve"], int(run["k"])):
        st.caption(t("discover.k_at_largest", k=int(run["k"])))

tax = load_taxonomy(workspace)
clusters = list_clusters(workspace, run_id)
profile = cluster_profile(cluster_members(workspace, run_id)).set_index("cluster_no")
if big := dominant_cluster(profile["size"]):
    peak = next_peak(run["k_curve"] or [], int(run["k"]))
    said = {"no": big[0], "share": f"{big[1]:.0%}"}
    hint = t("discover.one_large_peak", k=peak, **said) if peak else t("discover.one_large", **said)
    st.warning(hint, icon=":material/info:")
shown = shown_count(run_id, len(clusters))
for _, cluster in clusters.head(shown).iterrows():
    cluster_card(workspace, run_id, cluster, profile.loc[int(cluster["cluster_no"])], tax)
more_button(run_id, shown, len(clusters))

numbers = clusters["cluster_no"].astype(int).tolist()
with st.expander(t("discover.merge")):
    keep = st.selectbox(t("discover.merge_into"), numbers, key="merge_keep")
    absorb = st.selectbox(t("discover.merge_from"), numbers, key="merge_absorb")
    if (
        st.button(t("discover.merge_go"), key="merge_go", disabled=not can_write())
        and keep != absorb
    ):
        merge_clusters(workspace, run_id, int(keep), int(absorb))
        st.rerun()
with st.expander(t("discover.split")):
    target = st.selectbox(t("discover.split"), numbers, key="split_no")
    if st.button(t("discover.split_go"), key="split_go", disabled=not can_write()):
        try:
            split_in_store(workspace, run_id, int(target))
            st.rerun()
        except CxDashError as err:
            show_error(err)
