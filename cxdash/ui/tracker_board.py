"""The tracker's widgets: filters, the board of status columns with moves, table, overdue items."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cxdash.access import Role, current_actor
from cxdash.errors import CxDashError, StaleEdit
from cxdash.solutions import allowed_transitions, solution_from_record, solution_to_record
from cxdash.solutions import transition as move_status
from cxdash.storage import Store
from cxdash.storage.cycles import list_cycles
from cxdash.storage.solutions import load_solution, save_solution
from cxdash.tracker import board_columns, choices, filter_tracker
from cxdash.ui.context import show_error, t


def cycle_filter(store: Store, open_id: int) -> int | None:
    """Show the cycle picker (the open cycle first, then all cycles); return the cycle or None."""
    cycles = list_cycles(store)
    names = {int(r.id): t("tracker.cycle_option", n=int(r.number)) for r in cycles.itertuples()}
    options = [open_id, *[i for i in names if i != open_id], 0]
    names[0] = t("tracker.all_cycles")
    picked = st.selectbox(t("tracker.cycle"), options, key="tracker_cycle",
                          format_func=names.__getitem__)  # fmt: skip
    return int(picked) or None


def people_filters(
    table: pd.DataFrame,
    left: st.delta_generator.DeltaGenerator,
    right: st.delta_generator.DeltaGenerator,
) -> pd.DataFrame:
    """Show the department and owner filters in two columns; return the rows they keep."""
    anyone = {"": t("tracker.anyone")}
    depts = ["", *choices(table, "departments")]
    owners = ["", *choices(table, "owners")]
    dept = left.selectbox(t("tracker.department"), depts, key="tracker_department",
                          format_func=lambda d: anyone.get(d, d))  # fmt: skip
    owner = right.selectbox(t("tracker.owner"), owners, key="tracker_owner",
                            format_func=lambda o: anyone.get(o, o))  # fmt: skip
    return filter_tracker(table, dept or "", owner or "")


def _verdict(value: str) -> str:
    return t(f"tracker.verdicts.{value or 'none'}")


def _card(row: pd.Series, can_edit: bool) -> str | None:
    """Show one solution card; return the status it should move to when a move is clicked."""
    box = st.container(border=True, key=f"tracker_card_{row['id']}")
    box.markdown(f"**#{row['id']}**")
    box.text(row["title"])
    box.text(t("tracker.card_owner", owner=row["owner"] or "–"))  # user text stays text
    due = t("tracker.card_due", due=str(row["due"])) if row["due"] else t("tracker.no_due")
    box.caption(due)
    if row["actions_total"]:
        label = t("tracker.progress", done=row["actions_done"], total=row["actions_total"])
        box.progress(float(row["progress"]), text=label)
    else:
        box.caption(t("tracker.no_actions"))
    late = int(row["overdue_actions"] + row["overdue_items"])
    if late:
        box.error(t("tracker.overdue_flag", n=late), icon=":material/schedule:")
    box.caption(t("tracker.verdict", verdict=_verdict(row["verdict"])))
    link = {"solution": str(row["id"])}
    box.page_link("pages/solutions.py", label=t("tracker.open_link"), query_params=link)
    if row["verification_id"] is not None and not pd.isna(row["verification_id"]):
        check = {"verification": str(int(row["verification_id"]))}
        box.page_link("pages/verify.py", label=t("tracker.open_verification"), query_params=check)
    if not can_edit:
        return None
    for target in allowed_transitions(str(row["status"])):
        status = t(f"solutions.status.{target}")
        if box.button(t("tracker.move", status=status), key=f"tracker_move_{row['id']}_{target}"):
            return target
    return None


def board(table: pd.DataFrame) -> tuple[pd.Series, str] | None:
    """Show one column per status with its cards; return the (row, target) of a clicked move."""
    can_edit = current_actor().may(Role.EDITOR)
    if not can_edit:
        st.caption(t("tracker.read_only"))
    chosen = None
    columns = board_columns(table)
    for column, (status, rows) in zip(st.columns(len(columns)), columns.items(), strict=True):
        with column:
            st.markdown(
                f"**{t(f'solutions.status.{status}')}** · {t('tracker.count', n=len(rows))}"
            )
            for _, row in rows.iterrows():
                target = _card(row, can_edit)
                chosen = (row, target) if target else chosen
    return chosen


def apply_move(store: Store, row: pd.Series, target: str, version: int) -> bool:
    """Move a solution to target if it is still at the version shown; show an error otherwise."""
    try:
        current = solution_from_record(load_solution(store, int(row["id"])))
        moved = move_status(current, target)
        save_solution(store, {**solution_to_record(moved), "version": version})
    except StaleEdit as err:
        # The board is redrawn from the stored solution on this rerun, so it already shows
        # the current state: say so instead of the form's "your input is still here".
        st.error(t("tracker.stale", id=err.params["id"], version=err.params["version"]))
        return False
    except CxDashError as err:
        show_error(err)
        return False
    st.toast(t("tracker.moved", title=row["title"], status=t(f"solutions.status.{target}")))
    return True


def table_view(table: pd.DataFrame) -> None:
    """Show the tracker as a table, one row per solution."""
    shown = pd.DataFrame(
        {
            "#": table["id"],
            t("tracker.cycle"): table["cycle_number"],
            t("tracker.col.title"): table["title"],
            t("tracker.col.status"): [t(f"solutions.status.{s}") for s in table["status"]],
            t("tracker.owner"): table["owner"],
            t("tracker.col.departments"): [", ".join(d) for d in table["departments"]],
            t("tracker.col.due"): table["due"],
            t("tracker.col.progress"): (table["progress"] * 100).round(0),
            t("tracker.col.overdue"): table["overdue_actions"] + table["overdue_items"],
            t("tracker.col.verdict"): [_verdict(v) for v in table["verdict"]],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="tracker_table")


def overdue_view(late: pd.DataFrame, as_of: date, key: str) -> None:
    """Show the overdue action items (meeting items and solution steps) as of a day."""
    if late.empty:
        st.caption(t("tracker.overdue_none", day=as_of.isoformat()))
        return
    st.warning(t("tracker.overdue_count", n=len(late), day=as_of.isoformat()),
               icon=":material/schedule:")  # fmt: skip
    sources = [
        t("tracker.source.meeting", name=m)
        if isinstance(m, str) and m
        else t("tracker.source.step")
        for m in late["meeting"]
    ]
    shown = pd.DataFrame(
        {
            t("tracker.col.item"): late["title"],
            t("tracker.owner"): late["owner"],
            t("tracker.department"): late["department"],
            t("tracker.col.due"): [str(d)[:10] for d in late["due_date"]],
            t("tracker.col.days_late"): late["days_late"],
            t("tracker.col.solution"): late["solution"].fillna(""),
            t("tracker.col.source"): sources,
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key=key)
