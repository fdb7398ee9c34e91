"""TOP key points (step 4): ranked touchpoint x category cells with every ingredient shown."""

import streamlit as st

from cxdash.keypoints import (
    INGREDIENTS,
    MIN_EVIDENCE,
    cluster_texts,
    export_csv,
    export_xlsx,
    rank_key_points,
)
from cxdash.storage import journey_data as data
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.ui import journey_widgets as jw
from cxdash.ui.context import label, lang, store, t

st.title(t("nav.key_points"))
st.caption(t("keypoints.caption"))
db = store()
cycle = current_cycle_id(db)
n = st.number_input(t("keypoints.top_n"), 1, 100, 10, key="keypoints_n")
totals = jw.aggregate(db, "score_totals", cycle)
ranked = rank_key_points(jw.aggregate(db, "key_point_cells", cycle), totals)
if ranked.empty:
    st.info(t("keypoints.empty"))
    st.stop()

if totals["rated"]:
    mean = totals["rating_sum"] / totals["rated"]
    csat = 100 * totals["top2"] / totals["rated"]
    st.caption(t("keypoints.score", mean=f"{mean:.2f}", csat=f"{csat:.1f}", n=totals["rated"]))
names = jw.touchpoint_names(list_touchpoints(db), lang())
top = ranked.head(int(n))
shown = top.assign(
    touchpoint=top["touchpoint"].map(lambda k: names.get(k, k)),
    category=top["category"].map(lambda c: label("category", c)),
)
columns = ["rank", "touchpoint", "category", "volume", *INGREDIENTS, "impact_csat"]
columns += [f"rank_{i}" for i in INGREDIENTS] + ["rank_mean", "probable_false"]
st.dataframe(
    shown[columns].rename(columns=lambda c: t(f"keypoints.col_{c}")),
    hide_index=True,
    key="keypoints_table",
    column_config={
        t("keypoints.col_volume_share"): st.column_config.NumberColumn(format="percent"),
        t("keypoints.col_negative_share"): st.column_config.NumberColumn(format="percent"),
        t("keypoints.col_trend"): st.column_config.NumberColumn(format="percent"),
        t("keypoints.col_impact_mean"): st.column_config.NumberColumn(format="%.4f"),
        t("keypoints.col_impact_csat"): st.column_config.NumberColumn(format="%.2f"),
    },
)
st.caption(t("keypoints.how", min=MIN_EVIDENCE))
flagged = int(ranked["probable_false"].sum())
if flagged:
    st.warning(t("keypoints.flagged", n=flagged))
cols = st.columns([3, 1], vertical_alignment="bottom")
chosen = top.iloc[
    cols[0].selectbox(
        t("keypoints.pick_for_solution"),
        range(len(top)),
        format_func=lambda i: (
            f"#{i + 1} {shown['touchpoint'].iloc[i]} · {shown['category'].iloc[i]}"
        ),
        key="keypoints_solution",
    )
]
cols[1].page_link(
    "pages/solutions.py",
    label=t("keypoints.to_solution"),
    icon=":material/lightbulb:",
    query_params={"kp_tp": str(chosen["touchpoint"]), "kp_cat": str(chosen["category"])},
)
export = top[columns]
cols = st.columns(2)
cols[0].download_button(
    t("keypoints.export_csv"),
    export_csv(export),
    "cxdash-key-points.csv",
    "text/csv",
    key="keypoints_csv",
)
xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
cols[1].download_button(
    t("keypoints.export_xlsx"),
    export_xlsx(export),
    "cxdash-key-points.xlsx",
    xlsx_type,
    key="keypoints_xlsx",
)

st.subheader(t("keypoints.recluster"))
st.caption(t("keypoints.recluster_help"))
tp = st.selectbox(
    t("journey.touchpoint"),
    list(dict.fromkeys(ranked["touchpoint"])),
    format_func=lambda k: names.get(k, k),
    key="keypoints_tp",
)
k = st.slider(t("keypoints.k"), 2, 10, 5, key="keypoints_k")
if st.button(t("keypoints.run_cluster"), key="keypoints_cluster"):
    texts = data.touchpoint_texts(db, cycle, tp)
    found = cluster_texts(texts["text"], k=k)
    if found.empty:
        st.info(t("keypoints.too_few"))
    else:
        st.dataframe(
            found.rename(columns=lambda c: t(f"keypoints.cl_{c}")),
            hide_index=True,
            key="keypoints_clusters",
        )
