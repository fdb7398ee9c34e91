"""Training on a stored customer table and scoring it into a proactive-repair list."""

from __future__ import annotations

from typing import Any

import pandas as pd

from cxdash.risk import (
    Progress,
    RiskModel,
    repair_list,
    top_reasons,
    train_risk_model,
    type_features,
)
from cxdash.rules import Rule, vetoed_by

ID_COLUMNS = ("customer_id", "label")
TRAINING_STAGES = ("logistic", "boosting", "importance", "reasons", "save")
"""The stages of training from a page, in order: both candidates, importance, reasons, saving."""


def feature_columns(table: pd.DataFrame) -> list[str]:
    """Return the raw feature columns of a stored customer table (all but id and label)."""
    return [c for c in table.columns if c not in ID_COLUMNS]


def train_on_table(
    table: pd.DataFrame, seed: int = 0, progress: Progress | None = None
) -> RiskModel:
    """Return the at-risk model trained on a stored customer table's labelled rows.

    `progress`, when given, is called with the name of each training stage as it starts.
    """
    types = type_features(table, feature_columns(table))
    return train_risk_model(table, table["label"], types, seed=seed, progress=progress)


def score_table(
    model: RiskModel, table: pd.DataFrame, rules: list[Rule], top_share: float = 0.1
) -> pd.DataFrame:
    """Return every customer's score and veto, with top reasons for those on the repair list."""
    scores = model.score(table)
    vetoes = vetoed_by(rules, table)
    listed = repair_list(table["customer_id"], scores, vetoes, top_share)
    chosen = table[table["customer_id"].isin(listed["customer_id"])]
    reasons = top_reasons(model, chosen) if len(chosen) else pd.DataFrame({"reasons": []})
    by_id = dict(zip(chosen["customer_id"], reasons["reasons"], strict=True))
    return pd.DataFrame(
        {
            "customer_id": table["customer_id"].to_numpy(),
            "score": scores,
            "vetoed_by": vetoes.to_numpy(),
            "reasons": table["customer_id"].map(by_id).to_numpy(),
        }
    )


def run_summary(model: RiskModel) -> dict[str, Any]:
    """Return what a run stores for display: comparison, holdout scores, importance, typing."""
    return {
        "comparison": model.comparison.to_dict("records"),
        "holdout": {
            "label": model.holdout["label"].astype(int).tolist(),
            "score": model.holdout["score"].round(6).tolist(),
        },
        "importance": model.importance.to_dict("records"),
        "types": {
            "numeric": list(model.types.numeric),
            "categorical": list(model.types.categorical),
            "dropped": list(model.types.dropped),
        },
    }


def holdout_frame(summary: dict[str, Any]) -> pd.DataFrame:
    """Return the stored holdout labels and scores of a run as a frame."""
    return pd.DataFrame(summary["holdout"])
