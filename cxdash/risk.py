"""The at-risk-customer model: which customers are likely to be dissatisfied, and why.

Any customer-level table works: features are typed (number or category) and extended with derived
features learnt on the training rows (`cxdash.risk_features`: a yes-flag count and ratios between
numbers), then a calibrated logistic regression (with spline terms for numbers) and a calibrated
gradient-boosting model (native categorical splits) are fitted on a stratified training split; the
one with the better holdout ROC-AUC is kept. The model
ranks customers for proactive repair; it does not explain causes, and its scores are only as good
as the features and labels it was given.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import (
    OneHotEncoder,
    OrdinalEncoder,
    SplineTransformer,
    StandardScaler,
)
from threadpoolctl import threadpool_limits

from cxdash.errors import InvalidInput
from cxdash.risk_explain import permutation_importance, typical_value_drops
from cxdash.risk_features import DerivedFeatures, RareCategories
from cxdash.risk_metrics import holdout_metrics

MIN_ROWS = 40
MIN_PER_CLASS = 10
NUMERIC_SHARE = 0.95
MAX_CATEGORIES = 50
MISSING = "(missing)"
FORMULA_PREFIXES = ("=", "+", "-", "@")
REASON_MIN_DROP = 0.005


@dataclass(frozen=True)
class FeatureTypes:
    """How each chosen column is used: as a number, as a category, or dropped (id-like text)."""

    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    dropped: tuple[str, ...]

    @property
    def used(self) -> list[str]:
        """Return the columns the model reads."""
        return [*self.numeric, *self.categorical]


def type_features(frame: pd.DataFrame, columns: list[str]) -> FeatureTypes:
    """Return the feature typing: numbers when ≥95% of filled cells parse, else categories."""
    numeric, categorical, dropped = [], [], []
    for name in columns:
        text = frame[name].astype("string").str.strip().replace("", pd.NA).dropna()
        parsed = pd.to_numeric(text, errors="coerce")
        if len(text) and parsed.notna().mean() >= NUMERIC_SHARE:
            numeric.append(name)
        elif 1 < text.nunique() <= max(MAX_CATEGORIES, len(frame) // 20):
            categorical.append(name)
        else:
            dropped.append(name)
    return FeatureTypes(tuple(numeric), tuple(categorical), tuple(dropped))


def prepare(frame: pd.DataFrame, types: FeatureTypes) -> pd.DataFrame:
    """Return the model input: numbers as floats (NaN when blank), categories as clean text."""
    out = pd.DataFrame(index=frame.index)
    for name in types.numeric:
        out[name] = pd.to_numeric(frame[name].astype("string").str.strip(), errors="coerce")
    for name in types.categorical:
        text = frame[name].astype("string").str.strip().replace("", pd.NA)
        out[name] = text.fillna(MISSING).astype(str)
    return out.astype({n: float for n in types.numeric})


NUMBERS = make_column_selector(dtype_include="number")
TEXTS = make_column_selector(dtype_exclude="number")
MAX_BOOSTING_CATEGORIES = 250
MIN_CATEGORY_COUNT = 5
CALIBRATION_FOLDS = 3


def _encoder() -> ColumnTransformer:
    """Return the logistic model's encoding: scaled numbers with spline terms, one-hot texts."""
    scaled = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    curve = make_pipeline(SimpleImputer(strategy="median"), SplineTransformer(n_knots=5))
    numeric = FeatureUnion([("linear", scaled), ("spline", curve)])
    onehot = OneHotEncoder(handle_unknown="ignore")
    return ColumnTransformer([("num", numeric, NUMBERS), ("cat", onehot, TEXTS)])


def _boosting(types: FeatureTypes, seed: int) -> Pipeline:
    """Return gradient boosting with native categorical splits (categories first, then numbers)."""
    ordinal = OrdinalEncoder(
        handle_unknown="use_encoded_value",
        unknown_value=-1,
        encoded_missing_value=-1,
    )
    encode = ColumnTransformer([("cat", ordinal, TEXTS), ("num", "passthrough", NUMBERS)])
    model = HistGradientBoostingClassifier(
        learning_rate=0.05,
        max_iter=200,
        max_depth=2,
        min_samples_leaf=30,
        categorical_features=list(range(len(types.categorical))) or None,
        random_state=seed,
    )
    derive = DerivedFeatures(types.numeric, types.categorical)
    rare = RareCategories(max_categories=MAX_BOOSTING_CATEGORIES)
    return Pipeline([("derive", derive), ("rare", rare), ("encode", encode), ("model", model)])


def candidate_models(types: FeatureTypes, seed: int = 0) -> dict[str, CalibratedClassifierCV]:
    """Return the two calibrated candidates: spline logistic regression and gradient boosting.

    Both read the raw columns plus the derived features, with rare categories grouped. Calibration
    is Platt scaling (Platt 1999) fitted on out-of-fold scores from 3 internal folds, applied to
    one model fitted on all training rows (scikit-learn CalibratedClassifierCV, ensemble=False).
    """
    logistic = Pipeline(
        [
            ("derive", DerivedFeatures(types.numeric, types.categorical)),
            ("rare", RareCategories(min_count=MIN_CATEGORY_COUNT)),
            ("encode", _encoder()),
            ("model", LogisticRegression(max_iter=3000)),
        ]
    )
    return {
        name: CalibratedClassifierCV(est, method="sigmoid", cv=CALIBRATION_FOLDS, ensemble=False)
        for name, est in (("logistic", logistic), ("boosting", _boosting(types, seed)))
    }


@dataclass(frozen=True)
class RiskModel:
    """A trained at-risk model with its holdout evidence."""

    name: str
    estimator: CalibratedClassifierCV
    types: FeatureTypes
    comparison: pd.DataFrame
    holdout: pd.DataFrame
    importance: pd.DataFrame
    reference: dict[str, Any]

    @property
    def metrics(self) -> dict[str, Any]:
        """Return the kept model's holdout figures."""
        return dict(self.comparison.set_index("model").loc[self.name])

    def score(self, frame: pd.DataFrame) -> np.ndarray:
        """Return the calibrated probability of being at risk for each row of a raw frame."""
        return np.asarray(self.estimator.predict_proba(prepare(frame, self.types))[:, 1])


def _check_labels(labels: pd.Series) -> None:
    known = labels.dropna()
    counts = known.value_counts()
    if len(known) < MIN_ROWS or len(counts) < 2 or counts.min() < MIN_PER_CLASS:
        raise InvalidInput(
            "quality.risk_too_few", rows=len(known), minimum=MIN_ROWS, per_class=MIN_PER_CLASS
        )


Progress = Callable[[str], None]


def train_risk_model(
    frame: pd.DataFrame,
    labels: pd.Series,
    types: FeatureTypes,
    seed: int = 0,
    progress: Progress | None = None,
) -> RiskModel:
    """Return the better calibrated model on a stratified 25% holdout of the labelled rows.

    `progress`, when given, is called with each stage's name ("logistic", "boosting",
    "importance") as it starts, so a caller can show how far training has come.
    """
    report = progress or (lambda stage: None)
    if not types.used:
        raise InvalidInput("quality.risk_no_features")
    _check_labels(labels)
    known = labels.notna()
    x, y = prepare(frame[known], types), labels[known].astype(int).to_numpy()
    split = train_test_split(x, y, test_size=0.25, stratify=y, random_state=seed)
    x_train, x_test, y_train, y_test = split
    fitted, rows, holdout_scores = {}, [], {}
    with threadpool_limits(limits=1):
        for name, est in candidate_models(types, seed).items():
            report(name)
            fitted[name] = clone(est).fit(x_train, y_train)
            holdout_scores[name] = fitted[name].predict_proba(x_test)[:, 1]
            rows.append({"model": name, **holdout_metrics(y_test, holdout_scores[name])})
        comparison = pd.DataFrame(rows)
        best = str(comparison.sort_values("roc_auc", ascending=False)["model"].iloc[0])
        report("importance")
        importance = feature_importance(fitted[best], x_test, y_test, seed)
    holdout = pd.DataFrame({"label": y_test, "score": holdout_scores[best]})
    reference = _reference_row(x_train, types)
    return RiskModel(best, fitted[best], types, comparison, holdout, importance, reference)


def feature_importance(
    estimator: Any, x: pd.DataFrame, y: np.ndarray, seed: int = 0
) -> pd.DataFrame:
    """Return permutation importance on the raw columns (drop in holdout ROC-AUC when shuffled).

    Breiman (2001); 3 repeats on a stratified sample of at most 1,000 holdout rows, scored in
    batches (`cxdash.risk_explain.permutation_importance`).
    """
    return permutation_importance(estimator, x, y, seed)


def _reference_row(x: pd.DataFrame, types: FeatureTypes) -> dict[str, Any]:
    ref: dict[str, Any] = {n: float(x[n].median()) for n in types.numeric}
    ref.update({n: x[n].mode().iloc[0] for n in types.categorical})
    return ref


def top_reasons(model: RiskModel, frame: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Return each row's top reasons: features whose typical value would lower its score most.

    Local perturbation: each feature in turn is set to the training population's typical value
    (median or most frequent) and the score drop is that feature's contribution for this customer.
    """
    x = prepare(frame, model.types)
    names = model.types.used
    drops = typical_value_drops(model.estimator, x, model.reference, names).to_numpy()
    raw = frame[names].astype(object).to_numpy()
    reasons = []
    for row_drops, row_raw in zip(drops, raw, strict=True):
        order = np.argsort(-row_drops, kind="stable")[:top]
        chosen = [i for i in order if row_drops[i] > REASON_MIN_DROP]
        reasons.append(
            "; ".join(f"{names[i]}={row_raw[i]} (+{row_drops[i] * 100:.0f} pts)" for i in chosen)
        )
    return pd.DataFrame({"reasons": reasons}, index=frame.index)


def repair_list(
    ids: pd.Series, scores: np.ndarray, vetoes: pd.Series, top_share: float = 0.1
) -> pd.DataFrame:
    """Return the proactive-repair list: every vetoed customer plus the top share by score."""
    frame = pd.DataFrame(
        {"customer_id": ids.to_numpy(), "score": scores, "vetoed_by": vetoes.to_numpy()}
    )
    frame["rank"] = frame["score"].rank(ascending=False, method="first").astype(int)
    cutoff = max(1, int(np.ceil(len(frame) * top_share)))
    chosen = frame[(frame["rank"] <= cutoff) | frame["vetoed_by"].notna()]
    chosen = chosen.assign(by_rule=chosen["vetoed_by"].notna())
    ordered = chosen.sort_values(["by_rule", "score"], ascending=[False, False])
    return ordered.drop(columns="by_rule").reset_index(drop=True)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy where text cells beginning with = + - @ are prefixed with a quote."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v
            )
    return out


def export_table(frame: pd.DataFrame, fmt: str) -> bytes:
    """Return the frame as CSV (UTF-8 with BOM, for Excel) or XLSX bytes, formulas neutralised."""
    safe = neutralise(frame)
    if fmt == "csv":
        return safe.to_csv(index=False).encode("utf-8-sig")
    buffer = io.BytesIO()
    safe.to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()
