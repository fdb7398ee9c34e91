"""At-risk customers: import a customer table, train, read the holdout evidence, export repairs."""

import streamlit as st

from cxdash.risk import repair_list
from cxdash.rules import applicable, vetoed_by
from cxdash.storage import customers as tables
from cxdash.storage import risk as saved
from cxdash.ui import quality_widgets as qw
from cxdash.ui import risk_widgets as rw
from cxdash.ui.auth import can_write
from cxdash.ui.context import store, t

st.title(t("nav.at_risk"))
st.caption(t("quality.risk_caption"))
with st.expander(t("quality.risk_limits_title")):
    st.markdown(t("quality.risk_limits"))
db = store()
model_tab, list_tab, rules_tab, import_tab = st.tabs(
    [t("quality.tab_model"), t("quality.tab_list"), t("quality.tab_rules"), t("quality.tab_import")]
)

with import_tab:
    rw.customer_import(db)

with rules_tab:
    rw.rules_editor(db)

listed = tables.list_customer_tables(db)
if listed.empty:
    with model_tab:
        st.info(t("quality.risk_empty"), icon=":material/person_alert:")
    st.stop()

names = dict(zip(listed["id"], listed["name"], strict=True))
table_id = st.sidebar.selectbox(
    t("quality.customer_table"), list(names), format_func=names.get, key="cust_table"
)
table = tables.load_customer_table(db, int(table_id))
rule_texts = saved.list_veto_rules(db, active_only=True)["rule"].tolist()
rules, skipped = applicable(rule_texts, list(table.columns))

with model_tab:
    st.caption(t("quality.table_size", rows=len(table), labelled=int(table["label"].notna().sum())))
    if st.button(t("quality.train"), key="train", disabled=not can_write(), type="primary"):
        rw.train_and_save(db, int(table_id), table, rules)
    run = saved.latest_run(db, int(table_id))
    if run is None:
        st.info(t("quality.no_run"))
        st.stop()
    rw.model_evidence(run)

with list_tab:
    scores = saved.load_scores(db, run["id"])
    for text in skipped:
        st.warning(t("quality.rule_skipped", rule=text))
    share = st.slider(t("quality.top_share"), 1, 50, 10, key="top_share") / 100
    aligned = scores.set_index("customer_id").loc[table["customer_id"]]
    vetoes = vetoed_by(rules, table)
    repairs = repair_list(table["customer_id"], aligned["score"].to_numpy(), vetoes, share)
    repairs["reasons"] = repairs["customer_id"].map(aligned["reasons"])
    st.caption(
        t("quality.list_size", rows=len(repairs), vetoed=int(repairs["vetoed_by"].notna().sum()))
    )
    st.dataframe(repairs.round({"score": 3}), hide_index=True, key="repair_table")
    qw.download_buttons(repairs, "repair-list", "repairs")
    who = st.selectbox(t("quality.one_customer"), repairs["customer_id"], key="one_customer")
    if who is not None:
        st.text(t("quality.reasons_for", customer=who))
        why = repairs.set_index("customer_id").loc[who, "reasons"]
        st.text(why if isinstance(why, str) and why else t("quality.no_reasons"))
    solution = st.text_input(
        t("quality.link_solution"), value=run.get("solution_id") or "", key="run_solution"
    )
    if st.button(t("quality.save_link"), key="save_solution", disabled=not can_write()):
        saved.link_run_to_solution(db, run["id"], solution.strip())
        st.success(t("quality.saved"))
