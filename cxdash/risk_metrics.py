"""Holdout figures of an at-risk model: ROC-AUC, PR-AUC, decile lift, precision@k, calibration."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

CALIBRATION_BINS = 10


def lift_by_decile(y_true: np.ndarray, scores: np.ndarray) -> pd.DataFrame:
    """Return per score decile (1 = riskiest tenth): customers, positives, rate, lift, capture.

    Lift is the decile's positive rate over the base rate; capture is the cumulative share of all
    positives found down to that decile (the gains curve).
    """
    order = np.argsort(-scores, kind="stable")
    deciles = np.minimum(np.arange(len(order)) * 10 // max(len(order), 1), 9) + 1
    frame = pd.DataFrame({"decile": deciles, "y": np.asarray(y_true)[order]})
    table = frame.groupby("decile")["y"].agg(customers="size", positives="sum").reset_index()
    base = float(np.mean(y_true)) if len(y_true) else math.nan
    table["rate"] = table["positives"] / table["customers"]
    table["lift"] = table["rate"] / base if base else math.nan
    total = table["positives"].sum()
    table["capture"] = table["positives"].cumsum() / total if total else math.nan
    return table


def precision_at_k(y_true: np.ndarray, scores: np.ndarray, k: int) -> float:
    """Return the share of true positives among the k highest scores."""
    if k <= 0 or not len(scores):
        return math.nan
    top = np.argsort(-scores, kind="stable")[:k]
    return float(np.asarray(y_true)[top].mean())


def calibration_table(y_true: np.ndarray, scores: np.ndarray) -> pd.DataFrame:
    """Return the reliability curve on quantile bins: mean predicted vs observed rate, counts."""
    frame = pd.DataFrame({"p": np.asarray(scores, dtype=float), "y": np.asarray(y_true)})
    frame["bin"] = pd.qcut(frame["p"], CALIBRATION_BINS, labels=False, duplicates="drop")
    table = frame.groupby("bin").agg(
        predicted=("p", "mean"), observed=("y", "mean"), customers=("y", "size")
    )
    return table.reset_index(drop=True)


def expected_calibration_error(y_true: np.ndarray, scores: np.ndarray, bins: int = 10) -> float:
    """Return the ECE: Σ_b (n_b/n)·|mean score_b − positive rate_b| over equal-width bins.

    Naeini, Cooper and Hauskrecht (2015), "Obtaining well calibrated probabilities using
    Bayesian binning", AAAI.
    """
    y, p = np.asarray(y_true, dtype=float), np.asarray(scores, dtype=float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in np.unique(which):
        mask = which == b
        total += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(total)


def holdout_metrics(y_true: np.ndarray, scores: np.ndarray) -> dict[str, Any]:
    """Return the headline holdout figures of one model's scores."""
    y = np.asarray(y_true, dtype=int)
    lift = lift_by_decile(y, scores)
    n = len(y)
    return {
        "customers": n,
        "base_rate": float(y.mean()),
        "roc_auc": float(roc_auc_score(y, scores)),
        "pr_auc": float(average_precision_score(y, scores)),
        "top_decile_lift": float(lift["lift"].iloc[0]),
        "precision_at_10pct": precision_at_k(y, scores, max(1, math.ceil(n * 0.1))),
        "precision_at_100": precision_at_k(y, scores, min(100, n)),
        "brier": float(brier_score_loss(y, scores)),
        "ece": expected_calibration_error(y, scores),
    }
