"""Explaining an at-risk model: permutation importance and per-customer reasons, in batches.

Both re-score the fitted model on copies of its input where one column has been changed. A fitted
pipeline spends most of a call encoding its input, so every copy is stacked and scored in a few
large calls instead of one call per column and repeat; the figures are the same as scoring the
copies one by one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

IMPORTANCE_ROWS = 1000
IMPORTANCE_REPEATS = 3
BATCH_ROWS = 20_000


def score_variants(
    estimator: Any, variants: list[pd.DataFrame], batch_rows: int = BATCH_ROWS
) -> list[np.ndarray]:
    """Return the positive-class probability for each frame, scoring them stacked in batches."""
    out: list[np.ndarray] = []
    start = 0
    while start < len(variants):
        stop, rows = start, 0
        while stop < len(variants) and (stop == start or rows + len(variants[stop]) <= batch_rows):
            rows += len(variants[stop])
            stop += 1
        chunk = variants[start:stop]
        stacked = pd.concat(chunk, ignore_index=True)
        scores = np.asarray(estimator.predict_proba(stacked)[:, 1])
        out.extend(np.split(scores, np.cumsum([len(v) for v in chunk])[:-1]))
        start = stop
    return out


def stratified_rows(
    x: pd.DataFrame, y: np.ndarray, rows: int, seed: int
) -> tuple[pd.DataFrame, np.ndarray]:
    """Return at most `rows` rows, drawn keeping the label shares (all rows when fewer)."""
    if len(x) <= rows:
        return x, y
    keep, _ = train_test_split(np.arange(len(x)), train_size=rows, stratify=y, random_state=seed)
    keep = np.sort(keep)
    return x.iloc[keep], y[keep]


def permutation_importance(
    estimator: Any,
    x: pd.DataFrame,
    y: np.ndarray,
    seed: int = 0,
    repeats: int = IMPORTANCE_REPEATS,
    rows: int = IMPORTANCE_ROWS,
) -> pd.DataFrame:
    """Return each column's permutation importance: the drop in ROC-AUC when it is shuffled.

    Breiman (2001), "Random forests", Machine Learning 45; the same estimate as scikit-learn's
    `permutation_importance` (mean and standard deviation over `repeats` shuffles), computed on a
    stratified sample of at most `rows` holdout rows.
    """
    x, y = stratified_rows(x, np.asarray(y), rows, seed)
    rng = np.random.default_rng(seed)
    variants = []
    for name in x.columns:
        for _ in range(repeats):
            shuffled = x[name].iloc[rng.permutation(len(x))].set_axis(x.index)
            variants.append(x.assign(**{name: shuffled}))
    base, *changed = score_variants(estimator, [x, *variants])
    reference = roc_auc_score(y, base)
    drops = np.array([reference - roc_auc_score(y, s) for s in changed])
    drops = drops.reshape(len(x.columns), repeats)
    table = pd.DataFrame(
        {"feature": x.columns, "importance": drops.mean(axis=1), "std": drops.std(axis=1)}
    )
    return table.sort_values("importance", ascending=False).reset_index(drop=True)


def typical_value_drops(
    estimator: Any, x: pd.DataFrame, reference: dict[str, Any], names: list[str]
) -> pd.DataFrame:
    """Return, per row and feature, the score drop when that feature takes its typical value."""
    variants = [x] + [x.assign(**{name: reference[name]}) for name in names]
    base, *changed = score_variants(estimator, variants)
    return pd.DataFrame(
        {name: base - s for name, s in zip(names, changed, strict=True)}, index=x.index
    )
