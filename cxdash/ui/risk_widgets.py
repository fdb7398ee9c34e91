"""Widgets of the at-risk page: the model's holdout evidence and the veto-rule editor."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from cxdash.charts import quality as charts
from cxdash.errors import CxDashError
from cxdash.quality_mapping import check_customer_mapping, parse_labels, suggest_customer_columns
from cxdash.risk_explain import IMPORTANCE_REPEATS, IMPORTANCE_ROWS
from cxdash.risk_metrics import calibration_table, lift_by_decile
from cxdash.risk_run import TRAINING_STAGES, holdout_frame, run_summary, score_table, train_on_table
from cxdash.rules import Rule
from cxdash.storage import customers as tables
from cxdash.storage import risk as saved
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.db import Store
from cxdash.ui import quality_widgets as qw
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, t

METRIC_KEYS = ("roc_auc", "pr_auc", "top_decile_lift", "precision_at_10pct", "ece", "brier")


def train_and_save(db: Store, table_id: int, table: pd.DataFrame, rules: list[Rule]) -> None:
    """Train on a customer table, score it and save the run, showing each stage as it starts."""
    started = time.perf_counter()
    failed: CxDashError | None = None
    with st.status(t("quality.training"), expanded=True) as status:
        bar = st.progress(0.0)

        def report(stage: str) -> None:
            text = t(f"quality.stage_{stage}")
            bar.progress(TRAINING_STAGES.index(stage) / len(TRAINING_STAGES))
            st.caption(text)
            status.update(label=text, expanded=True)

        try:
            model = train_on_table(table, progress=report)
            report("reasons")
            scores = score_table(model, table, rules)
            report("save")
            summary = run_summary(model)
            saved.save_run(db, table_id, model.name, summary, scores, current_cycle_id(db))
        except CxDashError as err:
            failed = err
            status.update(label=t("quality.training_failed"), state="error", expanded=True)
        else:
            bar.progress(1.0)
            seconds = f"{time.perf_counter() - started:.1f}"
            label = t("quality.trained", seconds=seconds)
            status.update(label=label, state="complete", expanded=False)
    if failed is not None:
        show_error(failed)


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
    sample = {"rows": f"{IMPORTANCE_ROWS:,}", "repeats": IMPORTANCE_REPEATS}
    st.caption(t("quality.importance_help", **sample))


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


def _column_choice(headers: list[str]) -> tuple[str, str] | None:
    """Return the chosen id and label columns (label may be ""), or None when unusable."""
    id_guess, label_guess = suggest_customer_columns(headers)
    c1, c2 = st.columns(2)
    id_col = c1.selectbox(
        t("quality.id_column"),
        headers,
        index=headers.index(id_guess) if id_guess else 0,
        key="cust_id_col",
    )
    options = ["", *headers]
    label_col = c2.selectbox(
        t("quality.label_column"),
        options,
        index=options.index(label_guess) if label_guess else 0,
        key="cust_label_col",
    )
    try:
        check_customer_mapping(headers, id_col, label_col or None)
    except CxDashError as err:
        show_error(err)
        return None
    return str(id_col), str(label_col or "")


def customer_import(db: Store) -> None:
    """Show the customer-table import: upload, id/label mapping, features, label problems."""
    st.caption(t("quality.customers_help"))
    upload = qw.upload_table("customers_file")
    if upload is None:
        return
    frame, filename = upload
    headers = list(frame.columns)
    chosen_cols = _column_choice(headers)
    if chosen_cols is None:
        return
    id_col, label_col = chosen_cols
    others = [h for h in headers if h not in (id_col, label_col)]
    features = st.multiselect(t("quality.features"), others, default=others, key="cust_feats")
    chosen = frame[[id_col, *([label_col] if label_col else []), *features]].copy()
    problems: tuple = ()
    if label_col:
        labels, problems = parse_labels(chosen[label_col])
        chosen[label_col] = labels
        qw.show_problems(qw.MappedTable(chosen, problems), len(chosen))
        chosen = chosen.drop(index=chosen.index[[p.row - 1 for p in problems]])
    ready = not problems or st.checkbox(t("quality.skip_bad_rows"), key="cust_skip")
    if ready and st.button(
        t("quality.import_rows", rows=len(chosen)), key="cust_go", disabled=not can_write()
    ):
        try:
            tables.save_customer_table(db, filename, chosen, id_col, label_col or None)
            st.success(t("quality.customers_saved", rows=len(chosen)))
        except CxDashError as err:
            show_error(err)
