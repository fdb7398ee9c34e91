"""Solutions (step 6): write a solution, support it with data, and move it through its statuses."""

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError, StaleEdit
from cxdash.solutions import (
    Solution,
    missing_for_approval,
    priority_band,
    solution_from_record,
    solution_to_record,
    transition,
    validate_solution,
)
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.indicators import list_indicators
from cxdash.storage.solutions import list_solutions, load_solution, save_solution
from cxdash.ui.context import show_error, store, t
from cxdash.ui.solution_evidence import add_evidence, draft_from_key_point, plan_sample_size
from cxdash.ui.solution_form import form_saved, show_stale, solution_form
from cxdash.ui.solution_panels import (
    evidence_table,
    show_missing,
    status_header,
    status_mover,
)

PICK, NEXT_PICK = "solution_pick", "solution_next_pick"

st.title(t("solutions.title"))
st.caption(t("solutions.caption"))
db = store()
cycle_id = current_cycle_id(db)


def save(solution: Solution, message: str) -> None:
    """Validate and store the solution, then reopen it; show what is wrong otherwise."""
    try:
        validate_solution(solution)
        saved_id = save_solution(db, solution_to_record(solution))
    except StaleEdit as err:
        show_stale(err)
        return
    except CxDashError as err:
        if err.key == "solutions.error.incomplete":
            show_missing(missing_for_approval(solution))
        else:
            show_error(err)
        return
    if solution.id is not None:
        form_saved(solution.id, solution.version)
    st.session_state[NEXT_PICK] = saved_id
    st.toast(message)
    st.rerun()


# Earlier cycles' solutions stay reachable (the tracker links here with ?solution=<id>).
listing = list_solutions(db).sort_values("cycle_id", key=lambda c: c != cycle_id, kind="stable")
if listing.empty:
    st.info(t("solutions.empty"), icon=":material/lightbulb:")
else:
    st.subheader(t("solutions.list"))
    shown = pd.DataFrame(
        {
            "#": listing["id"],
            t("tracker.cycle"): listing["cycle_number"],
            t("solutions.field.title"): listing["title"],
            t("solutions.field.status"): [t(f"solutions.status.{s}") for s in listing["status"]],
            t("solutions.field.impact"): listing["impact"],
            t("solutions.field.effort"): listing["effort"],
            "P": [
                t(f"solutions.priority.{priority_band(i, e)}")
                for i, e in zip(listing["impact"], listing["effort"], strict=True)
            ],
            t("solutions.evidence.title"): listing["evidence"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")

titles = dict(zip(listing["id"].astype(int), listing["title"], strict=True))
linked = str(st.query_params.get("solution", ""))  # a link opens it, once
if linked.isdigit() and int(linked) in titles and st.session_state.get("solution_linked") != linked:
    st.session_state[PICK] = int(linked)
    st.session_state["solution_linked"] = linked
if NEXT_PICK in st.session_state:
    st.session_state[PICK] = st.session_state.pop(NEXT_PICK)
elif st.session_state.get(PICK) in titles:
    # Keep the open solution when another session renames it (its shown label changes).
    st.session_state[PICK] = st.session_state[PICK]
pick = st.selectbox(
    t("solutions.pick"),
    [0, *titles],
    key=PICK,
    format_func={0: t("solutions.new"), **{i: f"#{i} {n}" for i, n in titles.items()}}.get,
)

# Another page can open a prefilled draft: ?problem=…, or a TOP key point ?kp_tp=…&kp_cat=…
asked = str(st.query_params.get("problem", ""))[:500].strip()
point = (str(st.query_params.get("kp_tp", "")), str(st.query_params.get("kp_cat", "")))
draft = "_".join(point) if all(point) and not pick else ""
try:
    if pick:
        current = solution_from_record(load_solution(db, int(pick)))
    elif all(point):
        current = draft_from_key_point(db, cycle_id, *point)
        st.info(t("solutions.from_key_point", label=current.title), icon=":material/link:")
        evidence_table(current, editable=False)
    else:
        current = Solution(asked, cycle_id, problems=(asked,) if asked else ())
except CxDashError as err:
    show_error(err)
    st.stop()

if current.id is not None:
    status_header(current)
    show_missing(missing_for_approval(current))
    target = status_mover(current)
    if target:
        try:
            moved = transition(current, target)
        except CxDashError as err:
            show_error(err)
        else:
            save(moved, t("solutions.moved", status=t(f"solutions.status.{target}")))
    st.subheader(t("solutions.evidence.title"))
    trimmed = evidence_table(current)
    if trimmed is not None:
        save(trimmed, t("solutions.saved", id=current.id))
    extended = add_evidence(db, cycle_id, current)
    if extended is not None:
        save(extended, t("solutions.saved", id=current.id))

plan_sample_size(current, draft)
edited = solution_form(current, list_indicators(db), draft)
if edited is not None:
    save(edited, t("solutions.saved", id=edited.id or "…"))
