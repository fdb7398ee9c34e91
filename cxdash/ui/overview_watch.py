"""The Overview's watch list: survey NPS/CSAT/CES with CIs, indicator alerts and overdue actions."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from cxdash.headline import SURVEY_METRICS, survey_scores
from cxdash.indicators import threshold_alerts
from cxdash.metrics import Score
from cxdash.storage.cycles import current_cycle_id, list_cycles
from cxdash.storage.survey_kpis import cycle_survey_scores, latest_scored_cycle
from cxdash.storage.tracker import open_action_items, tracker_actions
from cxdash.tracker import overdue_work
from cxdash.ui.context import store, t
from cxdash.ui.tracker_board import overdue_view

FORMATS: dict[str, Callable[[float], str]] = {
    "nps": lambda v: f"{v:+.0f}",
    "csat": lambda v: f"{v:.1f}%",
    "ces": lambda v: f"{v:.2f}",
}


def _survey_tile(column: st.delta_generator.DeltaGenerator, name: str, score: Score) -> None:
    label = t(f"overview.survey.{name}")
    if score.n == 0 or math.isnan(score.value):
        column.metric(label, "–", border=True)
        column.caption(t("overview.survey.no_question"))
        return
    fmt = FORMATS[name]
    ci = {"low": fmt(score.low), "high": fmt(score.high), "n": f"{score.n:,}"}
    column.metric(label, fmt(score.value), help=t("overview.kpi.help", **ci), border=True)
    column.caption(t("overview.kpi.ci", **ci))


def survey_tiles() -> None:
    """Show NPS, CSAT and CES of the open cycle's surveys (or the latest cycle that has answers)."""
    open_id = current_cycle_id(store())
    scored = latest_scored_cycle(store(), open_id)
    if scored is None:
        st.caption(t("overview.survey.none"))
        return
    cycles = list_cycles(store()).set_index("id")["number"]
    key = "overview.survey.header" if scored == open_id else "overview.survey.header_earlier"
    st.markdown(f"**{t(key, n=int(cycles[scored]))}**")
    scores = survey_scores(cycle_survey_scores(store(), scored))
    for column, name in zip(st.columns(len(SURVEY_METRICS)), SURVEY_METRICS, strict=True):
        _survey_tile(column, name, scores[name])
    st.caption(t("overview.survey.scale"))


def alerts() -> None:
    """Show the indicators whose latest value crossed their threshold."""
    found = threshold_alerts(store())
    for row in found.itertuples():
        numbers = {"value": f"{row.value:g}", "threshold": f"{row.threshold:g}",
                   "target": f"{row.target:g}"}  # fmt: skip
        when = "" if pd.isna(row.period) else f"{pd.Timestamp(row.period):%Y-%m-%d}"
        st.error(t("overview.alerts.item", period=when, **numbers),
                 icon=":material/notifications_active:")  # fmt: skip
        st.text(f"{row.name} ({row.unit})" if row.unit else str(row.name))  # user text


def overdue(as_of: date | None = None) -> None:
    """Show every overdue meeting action item and solution action step, of any cycle."""
    day = as_of or date.today()
    st.subheader(t("tracker.overdue_header"))
    steps = tracker_actions(store())
    late = overdue_work(open_action_items(store()), steps[steps["status"] != "done"], day)
    overdue_view(late, day, "overview_overdue")
    st.page_link("pages/tracker.py", label=t("nav.tracker"), icon=":material/view_kanban:")
