"""Discover: cluster any filtered set of feedback, then name, map, merge and split the clusters."""

import streamlit as st

from cxdash.charts.classify import k_curve_figure, trend_figure
from cxdash.discover import (
    cluster_profile,
    map_cluster,
    run_discovery,
    split_in_store,
    suggested_at_largest,
)
from cxdash.errors import CxDashError
from cxdash.storage.clusters import (
    cluster_members,
    distinct_values,
    examples,
    latest_run,
    list_clusters,
    merge_clusters,
)
from cxdash.storage.feedback import count_feedback
from cxdash.storage.taxonomy import load_taxonomy
from cxdash.taxonomy import display_names
from cxdash.ui.auth import can_write
from cxdash.ui.classify_widgets import category_picker, labelled_table
from cxdash.ui.context import label, lang, show_error, store, t

MAX_CARDS = 30

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
        with st.spinner(t("discover.running")):
            run_discovery(workspace, {"channel": channel} if channel else {}, int(k) or None, limit)
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
for cluster in clusters.head(MAX_CARDS).itertuples():
    no = int(cluster.cluster_no)
    stats = profile.loc[no]
    with st.container(border=True, key=f"card_{no}"):
        title = cluster.name if isinstance(cluster.name, str) else t("discover.unnamed")
        st.markdown(f"**{t('discover.cluster', no=no, name='')}**")
        st.text(title)
        left, right = st.columns([3, 2])
        left.text(t("discover.keywords", words=cluster.keywords))
        if stats["unscored"] < 1:
            shares = {"neg": stats["negative"], "neu": stats["neutral"], "pos": stats["positive"]}
            left.caption(t("discover.mix", **shares))
        else:
            left.caption(t("discover.mix_unscored"))
        left.metric(t("discover.size"), f"{cluster.size:,}")
        right.plotly_chart(trend_figure(stats["trend"], t("discover.trend")), key=f"trend_{no}")
        labelled_table(examples(workspace, run_id, no), {}, f"ex_{no}")
        name_col, cat_col, go_col = st.columns([2, 2, 1], vertical_alignment="bottom")
        name = name_col.text_input(t("discover.name"), key=f"cl_name_{no}")
        with cat_col:
            category = category_picker(
                tax, t("discover.map_to"), f"cl_cat_{no}", extra=("__new__",)
            )
        if go_col.button(t("discover.save"), key=f"cl_save_{no}", disabled=not can_write()):
            try:
                target = None if category == "__new__" else category
                key, count = map_cluster(workspace, run_id, no, name.strip() or title, target)
                shown = display_names(load_taxonomy(workspace), lang()).get(key, key)
                st.success(t("discover.mapped", count=count, category=shown))
            except CxDashError as err:
                show_error(err)

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
