"""Cycles: the eight steps of each round, their artefacts and sign-off, and back to step 1."""

import streamlit as st

from cxdash.cycles import current_step
from cxdash.storage.cycles import current_cycle_id, list_cycles
from cxdash.storage.loop import cycle_steps, list_artefacts
from cxdash.ui import cycle_panels as cp
from cxdash.ui.context import store, t

st.title(t("nav.cycles"))
st.caption(t("cycles.caption"))

cycles = list_cycles(store())
by_id = {int(r.id): r for r in cycles.itertuples()}
if opened := st.session_state.pop("cycles_opened", None):
    st.success(t("cycles.opened", n=opened), icon=":material/autorenew:")
ids = list(by_id)
if (picked := st.session_state.pop("cycles_pick", None)) in ids:
    st.session_state["cycles_cycle"] = picked  # show the cycle just opened
default = current_cycle_id(store())
cycle_id = st.selectbox(
    t("cycles.pick"),
    ids,
    index=ids.index(default) if default in ids else 0,
    key="cycles_cycle",
    format_func={
        c: t(f"cycles.label_{r.status}", n=r.number) for c, r in by_id.items()
    }.__getitem__,
)
row = by_id[int(cycle_id)]
steps = cycle_steps(store(), int(cycle_id))
reached = current_step(steps)
cols = st.columns(3)
cols[0].metric(t("cycles.col.status"), t(f"cycles.cycle_status.{row.status}"))
cols[1].metric(t("cycles.reached"), t("cycles.reached_value", step=min(reached, 8))
               if reached <= 8 else t("cycles.all_done"))  # fmt: skip
cols[2].metric(t("cycles.opened_at"), f"{row.opened_at:%Y-%m-%d}")

cp.step_board(steps)
if row.status == "open":
    cp.step_editor(int(cycle_id))
cp.carried(int(cycle_id))

st.subheader(t("cycles.artefacts"))
artefacts = list_artefacts(store(), int(cycle_id))
if artefacts.empty:
    st.caption(t("cycles.artefacts_none"))
else:
    cols_a = ["step", "kind", "ref_id", "label"]
    st.dataframe(
        artefacts[cols_a].rename(columns={c: t(f"cycles.col.{c}") for c in cols_a}),
        hide_index=True,
        key="cycles_artefacts",
    )

if row.status == "open":
    cp.close_form(int(cycle_id), int(row.number))
cp.history()
