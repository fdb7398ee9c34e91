"""Verification: did a change work? Tests, effect with CI, power, bias check, DiD and a verdict."""

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.metrics_source import data_span
from cxdash.storage.solutions import list_solutions
from cxdash.storage.verifications import list_verifications, load_verification, save_verification
from cxdash.ui import verify_panels as vp
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, store, t
from cxdash.ui.verify_form import new_verification, run
from cxdash.verify import MetricSpec

st.title(t("nav.verify"))
st.caption(t("verify.caption"))
first, last = data_span(store())
if first is None:
    st.info(t("empty.no_feedback"), icon=":material/upload_file:")
    st.stop()

saved = list_verifications(store())
tab_saved, tab_new = st.tabs([t("verify.tab_saved"), t("verify.tab_new")])


def _title_of(verification_id: int) -> str:
    return str(saved.loc[saved["id"] == verification_id, "title"].iloc[0])


with tab_saved:
    if saved.empty:
        st.info(t("verify.none_saved"), icon=":material/fact_check:")
    else:
        asked = str(st.query_params.get("verification", ""))  # a link opens it, once
        if (
            asked.isdigit()
            and int(asked) in set(saved["id"])
            and st.session_state.get("verify_linked") != asked
        ):
            st.session_state["verify_open"] = int(asked)
            st.session_state["verify_linked"] = asked
        chosen = st.selectbox(
            t("verify.open"), saved["id"].tolist(), key="verify_open", format_func=_title_of
        )
        record = load_verification(store(), int(chosen))
        linked = record["solution_id"]
        named = f"#{linked} {record['solution_title']}" if linked else "–"
        meta = {"solution": named, "cycle": record["cycle_id"]}
        st.caption(t("verify.saved_meta", at=f"{record['created_at']:%Y-%m-%d}", **meta))
        metric = record["metric"]
        spec = MetricSpec(**{**metric, "filters": tuple(metric["filters"].items())})
        vp.chart(spec, record["inputs"], record["result"], "verify_chart_saved")
        vp.evidence(spec.kind, record["result"])

with tab_new:
    if asked := new_verification(first.date(), last.date()):
        try:
            st.session_state["verify_last"] = (*asked, run(*asked))
        except CxDashError as err:
            show_error(err)
    if last_run := st.session_state.get("verify_last"):
        run_spec, inputs, result = last_run
        vp.chart(run_spec, inputs, result, "verify_chart_new")
        vp.evidence(run_spec.kind, result)
        title = st.text_input(t("verify.title_field"), key="verify_title")
        known = list_solutions(store())
        names = {int(i): f"#{i} {n}" for i, n in zip(known["id"], known["title"], strict=True)}
        names[0] = t("verify.no_solution")
        solution = st.selectbox(t("verify.solution_field"), sorted(names), key="verify_solution",
                                format_func=names.__getitem__)  # fmt: skip
        if st.button(t("verify.save"), key="verify_save", disabled=not can_write()):
            try:
                cycle = current_cycle_id(store())
                args = (run_spec.as_dict(), inputs, result, solution or None)
                new_id = save_verification(store(), cycle, title, *args)
                st.success(t("verify.saved", id=new_id))
            except CxDashError as err:
                show_error(err)
