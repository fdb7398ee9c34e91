"""Widgets of the at-risk page: the model's holdout evidence and the veto-rule editor."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cxdash.charts import quality as charts
from cxdash.errors import CxDashError
from cxdash.risk_metrics import calibration_table, lift_by_decile
from cxdash.risk_run import holdout_frame
from cxdash.storage import risk as saved
from cxdash.storage.db import Store
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, t

METRIC_KEYS = ("roc_auc", "pr_auc", "top_decile_lift", "precision_at_10pct", "ece", "brier")


def model_evidence(run: dict[str, Any]) -> None:
    """Show the kept model, both candidates' holdout figures, lift, calibration and importance."""
    summary = run["metrics"]
    comparison = pd.DataFrame(summary["comparison"]).set_index("model")
    kept = comparison.loc[run["model"]]
    st.success(t("quality.kept_model", model=t(f"quality.model_{run['model']}")))
    cols = st.columns(len(METRIC_KEYS))
    for col, key in zip(cols, METRIC_KEYS, strict=True):
        col.metric(t(f"quality.metric_{key}"), f"{kept[key]:.3f}")
    shown = comparison[["customers", "base_rate", *METRIC_KEYS]].round(3)
    shown.index = [t(f"quality.model_{m}") for m in shown.index]
    st.dataframe(shown, key="comparison_table")
    holdout = holdout_frame(summary)
    y, p = holdout["label"].to_numpy(), holdout["score"].to_numpy()
    left, right = st.columns(2)
    left.plotly_chart(
        charts.lift_chart(lift_by_decile(y, p), t("quality.decile"), t("quality.lift")),
        key="lift_chart",
    )
    right.plotly_chart(
        charts.calibration_plot(
            calibration_table(y, p), t("quality.predicted"), t("quality.observed")
        ),
        key="calibration_chart",
    )
    importance = pd.DataFrame(summary["importance"])
    st.plotly_chart(
        charts.importance_bars(importance, t("quality.importance")), key="importance_chart"
    )
    st.caption(t("quality.importance_help"))


def rules_editor(db: Store) -> None:
    """Show the veto rules with switches to turn them off, delete them, or add one."""
    rules = saved.list_veto_rules(db)
    st.caption(t("quality.rules_help"))
    for row in rules.itertuples():
        c1, c2, c3 = st.columns([6, 2, 1])
        c1.code(row.rule, language=None)
        active = c2.toggle(t("quality.rule_active"), bool(row.active), key=f"rule_on_{row.id}")
        if active != bool(row.active):
            saved.set_veto_rule_active(db, int(row.id), active)
            st.rerun()
        if c3.button(t("quality.delete"), key=f"rule_del_{row.id}", disabled=not can_write()):
            saved.delete_veto_rule(db, int(row.id))
            st.rerun()
    with st.form("add_rule"):
        text = st.text_input(
            t("quality.new_rule"), placeholder="complaints_30d >= 3", key="rule_text"
        )
        if st.form_submit_button(t("quality.add_rule"), disabled=not can_write()):
            try:
                saved.add_veto_rule(db, text)
                st.rerun()
            except CxDashError as err:
                show_error(err)
