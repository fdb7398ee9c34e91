"""At-risk model quality on the IBM Telco churn sample, through the app's own pipeline.

The file is read with `read_table`, mapped with the customer-table suggestions, stored in a
fresh workspace and trained with `train_on_table` exactly as the At-risk page does. Plain
baselines (one-hot + logistic regression, default HistGradientBoosting) run on the same split.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from bench._data import dataset, scratch
from cxdash.ingest.readers import read_table
from cxdash.quality_mapping import parse_labels, suggest_customer_columns
from cxdash.risk import FeatureTypes, prepare
from cxdash.risk_metrics import holdout_metrics
from cxdash.risk_run import train_on_table
from cxdash.storage import open_store
from cxdash.storage.customers import load_customer_table, save_customer_table


def _import_as_a_user(raw: bytes) -> pd.DataFrame:
    frame = read_table(raw, "Telco-Customer-Churn.csv").frame
    id_col, label_col = suggest_customer_columns(list(frame.columns))
    assert id_col and label_col
    labels, problems = parse_labels(frame[label_col])
    assert not problems
    frame[label_col] = labels
    path = scratch("risk_bench.duckdb")
    path.unlink(missing_ok=True)
    store = open_store(path)
    table_id = save_customer_table(store, "telco.csv", frame, id_col, label_col)
    table = load_customer_table(store, table_id)
    store.close()
    return table


def _baselines(table: pd.DataFrame, types: FeatureTypes) -> list[dict]:
    x, y = prepare(table, types), table["label"].astype(int).to_numpy()
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.25, stratify=y, random_state=0)
    num = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    onehot = OneHotEncoder(handle_unknown="ignore")
    cols = [("n", num, list(types.numeric)), ("c", onehot, list(types.categorical))]
    plain = {
        "baseline: one-hot + logistic regression": make_pipeline(
            ColumnTransformer(cols), LogisticRegression(max_iter=2000)
        ),
        "baseline: HistGradientBoosting (defaults)": make_pipeline(
            ColumnTransformer(cols), HistGradientBoostingClassifier(random_state=0)
        ),
    }
    rows = []
    for name, model in plain.items():
        started = time.perf_counter()
        p = model.fit(xtr, ytr).predict_proba(xte)[:, 1]
        rows.append(
            {"model": name, **holdout_metrics(yte, p), "seconds": time.perf_counter() - started}
        )
    return rows


def _table(rows: list[dict]) -> str:
    lines = [
        "| model | ROC-AUC | PR-AUC | top-decile lift | precision@10% | ECE | Brier | s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['model']} | {r['roc_auc']:.3f} | {r['pr_auc']:.3f} | {r['top_decile_lift']:.2f}"
            f" | {r['precision_at_10pct']:.3f} | {r['ece']:.3f} | {r['brier']:.3f}"
            f" | {r['seconds']:.1f} |"
        )
    return "\n".join(lines)


TRIED = (
    "What the app's model does now: derived features learnt on the training rows (a count of "
    "yes-valued flag columns, i.e. services held, and the ratios between the non-binary "
    "numbers, e.g. total charges per month of tenure), spline terms for numbers in the "
    "logistic model, and gradient boosting with native categorical splits (depth 2, 200 "
    "rounds), both Platt-calibrated. Against the previous app model on this split: logistic "
    "ROC-AUC 0.851 → 0.851, ECE 0.017 → 0.009; boosting ROC-AUC 0.844 → 0.850; top-decile "
    "lift unchanged at 2.81.\n\n"
    "Also tried for the lift target on the same split (holdout figures): quantile buckets of "
    "the numbers (tenure and charges, 6 bins: ROC-AUC 0.849, lift 2.83), a charge-trend "
    "feature (monthly × tenure / total: 0.851, 2.83), stronger regularisation (C 0.3: 0.851, "
    "2.81), boosting variants (depth 3 with slower learning 0.847/2.79, 8 leaves 0.845/2.73, "
    "depth 4 0.841/2.77, isotonic instead of Platt 0.843/2.75, class-balanced weights "
    "0.850/2.75), averaging the calibrated logistic and boosting scores (0.851, 2.79–2.81); "
    "earlier: L1 penalty (2.81), all pairwise interactions (2.71–2.75). On 5-fold "
    "cross-validation inside the training split every candidate run there has a top-decile "
    "lift between 2.82 and 2.91, so with these columns the ceiling looks like about 2.9, not "
    "3.0. None reached 3.0; the top decile holds 177 customers, so 3.0 needs about 141 "
    "churners in it against 132 now. The boosting settings were chosen by that "
    "cross-validation (best CV ROC-AUC of the five boosting variants run there), and the "
    "product keeps the candidate with the better holdout ROC-AUC, as before."
)


def _against(value: float, target: float) -> str:
    return "met" if value >= target else f"missed by {target - value:.3f}"


def run() -> str:
    """Return the Markdown section: the app's model against plain baselines on IBM Telco."""
    found: Path | None = dataset("ibm_telco_churn", "Telco-Customer-Churn.csv")
    head = "## At-risk customers (bench/risk.py)\n"
    if found is None:
        return head + "\nSkipped: the IBM Telco churn sample is not available.\n"
    table = _import_as_a_user(found.read_bytes())
    tracemalloc.start()
    started = time.perf_counter()
    model = train_on_table(table, seed=0)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    app_rows = [
        {
            **r,
            "model": f"app: calibrated {r['model']}"
            + (" (kept)" if r["model"] == model.name else ""),
            "seconds": seconds,
        }
        for r in model.comparison.to_dict("records")
    ]
    rows = app_rows + _baselines(table, model.types)
    kept = model.metrics
    base = rows[-2]
    auc, lift = kept["roc_auc"], kept["top_decile_lift"]
    verdict = (
        f"Kept model: ROC-AUC {auc:.3f} (target ≥ 0.85, {_against(auc, 0.85)}), top-decile lift "
        f"{lift:.2f} (target ≥ 3.0, {_against(lift, 3.0)}), ECE {kept['ece']:.3f}. Against the "
        f"plain logistic baseline in the same run: ROC-AUC {auc / base['roc_auc']:.3f}×, "
        f"lift {lift / base['top_decile_lift']:.3f}×."
    )
    return "\n".join(
        [
            head,
            f"IBM Telco churn sample: {len(table):,} customers, base rate "
            f"{float(np.mean(table['label'])):.4f}; stratified 25% holdout, seed 0; imported with "
            "read_table, mapped by the suggested id/label columns, stored and reloaded, then "
            "trained with `train_on_table` (derived features, both candidates, 5-fold Platt "
            "calibration, permutation importance).",
            "",
            _table(rows),
            "",
            verdict,
            "",
            TRIED,
            "",
            f"Training time (both candidates + importance) {seconds:.1f} s; Python peak memory "
            f"during training {peak:.0f} MiB (tracemalloc). Timed on a shared 2-core machine "
            f"under a load average of {os.getloadavg()[0]:.1f}, so times are pessimistic.",
        ]
    )
