"""Journey maps (step 3): label and table methods, bound to what the feedback says."""

import streamlit as st

from cxdash.charts.journey import emotion_figure
from cxdash.errors import CxDashError
from cxdash.journey import card_evidence, emotion_curve, from_grid, to_grid
from cxdash.storage import journeys
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.ui import journey_widgets as jw
from cxdash.ui.auth import can_write
from cxdash.ui.context import lang, show_error, store, t

VIEWS = ("label", "table", "emotion", "graph", "evidence")
st.title(t("nav.journeys"))
st.caption(t("journey.caption"))
db = store()
cycle = current_cycle_id(db)
touchpoints = list_touchpoints(db)
names = jw.touchpoint_names(touchpoints, lang())
maps = journeys.list_maps(db, cycle)
at = jw.stamp(db)  # the data stamp, computed once for every aggregate below

with st.expander(t("journey.new_title"), expanded=maps.empty):
    jw.new_map_form(db, cycle, touchpoints, lang(), at)
if maps.empty:
    st.info(t("journey.empty"))
    st.stop()

ids = list(maps["id"])
if st.session_state.get("journey_map") not in ids:
    st.session_state["journey_map"] = ids[0]
titles = {
    i: f"{name} · {t('journey.status_' + state)}"
    for i, name, state in zip(maps["id"], maps["name"], maps["status"], strict=True)
}
map_id = st.selectbox(
    t("journey.map"),
    ids,
    format_func=titles.__getitem__,
    key="journey_map",
)
record, stages, cards = journeys.load_map(db, int(map_id))
if record["persona"]:
    st.caption(t("journey.persona_is", persona=record["persona"]))
cells = jw.aggregate(db, "touchpoint_categories", cycle, at=at)
cards = card_evidence(cards, touchpoints, cells)
summary = jw.aggregate(db, "touchpoint_summary", cycle, at=at)

view = st.segmented_control(
    t("journey.view"),
    VIEWS,
    default="label",
    format_func={v: t(f"journey.view_{v}") for v in VIEWS}.__getitem__,
    key="journey_view",
)
if view == "label":
    st.caption(t("journey.label_help"))
    action = jw.canvas(int(map_id), stages, cards)
    if action and jw.apply_action(db, record, action):
        st.rerun()
    jw.card_form(db, int(map_id), stages, cards)
elif view == "table":
    grid = to_grid(stages, cards)
    shown = grid.rename(
        index=lambda r: t(f"journey.lane_{r}"), columns=dict(stages[["key", "label"]].values)
    )
    edited = st.data_editor(
        shown, key=f"journey_grid_{map_id}", width="stretch", disabled=not can_write()
    )
    if st.button(
        t("journey.save_grid"), key="journey_save_grid", disabled=not can_write(), type="primary"
    ):
        edited.index, edited.columns = grid.index, grid.columns
        try:
            journeys.save_grid(db, int(map_id), int(record["version"]), *from_grid(edited))
        except CxDashError as err:
            show_error(err)
        else:
            st.success(t("journey.saved"))
            st.rerun()
elif view == "emotion":
    curve = emotion_curve(stages, cards, touchpoints, summary)
    labels = {k: t(f"journey.curve_{k}") for k in ("hand", "computed", "axis")}
    st.plotly_chart(emotion_figure(curve, labels), key="journey_emotion_chart")
    gaps = curve.assign(gap=(curve["hand"] - curve["computed"]).abs())
    st.dataframe(
        gaps.rename(columns={k: t(f"journey.curve_{k}") for k in ("hand", "computed", "gap")}),
        hide_index=True,
        key="journey_emotion_table",
    )
elif view == "graph" and cells.empty:
    st.info(t("heatmap.empty"))
elif view == "graph":
    st.caption(t("journey.graph_help"))
    picked = jw.relationship_graph(cells, names)
    if picked:
        kind, key = picked
        st.subheader(
            t(f"journey.graph_{kind}", name=names.get(key, key) if kind == "touchpoint" else key)
        )
        if kind == "touchpoint":
            jw.touchpoint_panel(db, cycle, key, names, at)
        else:
            found = jw.items(db, "quotes", cycle, at=at, category=key, limit=10)
            jw.evidence_table(found, key="graph_quotes")
else:
    chosen = st.selectbox(
        t("journey.touchpoint"),
        list(touchpoints["key"]),
        format_func=lambda k: names[k],
        key="journey_tp",
    )
    jw.touchpoint_panel(db, cycle, chosen, names, at)
    evidence = cards[["stage_key", "lane", "text", "evidence_items", "evidence"]]
    st.dataframe(
        evidence.assign(evidence=evidence["evidence"].map(lambda e: t(f"journey.ev_{e}"))),
        hide_index=True,
        key="journey_card_evidence",
    )

with st.expander(t("journey.settings")):
    jw.meta_form(db, record)
