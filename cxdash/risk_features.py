"""Derived features for the at-risk model, learnt from the training rows only.

Added to any customer table, whatever its columns: the count of yes-valued flag columns (for a
telecom table, how many services a customer holds) and the ratios between the non-binary numeric
columns (for example total charges per month of tenure). They sit inside the model pipeline, so
they are fitted on the training split only and follow any raw value that is changed for a reason.
"""

from __future__ import annotations

from itertools import permutations
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

YES = frozenset({"yes", "y", "true", "t", "1", "是", "有"})
MAX_RATIO_COLUMNS = 5
COUNT_NAME = "derived: yes count"


class DerivedFeatures(TransformerMixin, BaseEstimator):
    """Add a yes-flag count and pairwise ratios of numeric columns to a prepared frame."""

    def __init__(self, numeric: tuple[str, ...] = (), categorical: tuple[str, ...] = ()) -> None:
        self.numeric = numeric
        self.categorical = categorical

    def fit(self, x: pd.DataFrame, y: Any = None) -> DerivedFeatures:
        """Learn which columns are yes/no flags and which numbers are worth dividing."""
        self.flags_ = [c for c in self.categorical if YES & set(x[c].str.lower().unique())]
        wide = [c for c in self.numeric if x[c].nunique() > 2][:MAX_RATIO_COLUMNS]
        self.pairs_ = list(permutations(wide, 2))
        return self

    def transform(self, x: pd.DataFrame) -> pd.DataFrame:
        """Return the frame with the derived columns appended (NaN where a divisor is 0)."""
        out = x.copy()
        if self.flags_:
            hits = [x[c].str.lower().isin(YES).astype(float) for c in self.flags_]
            out[COUNT_NAME] = np.sum(hits, axis=0)
        for a, b in self.pairs_:
            out[f"derived: {a} / {b}"] = x[a] / x[b].replace(0, np.nan)
        return out

    def derived_names(self) -> list[str]:
        """Return the names of the derived columns, in the order they are appended."""
        names = [COUNT_NAME] if self.flags_ else []
        return names + [f"derived: {a} / {b}" for a, b in self.pairs_]


OTHER = "(other)"


class RareCategories(TransformerMixin, BaseEstimator):
    """Group each text column's rare values, and values unseen in training, into "(other)".

    The grouping scikit-learn's encoders do with `min_frequency` / `max_categories`, done once
    with vectorised value counts: a value is kept when it occurs at least `min_count` times in
    the training rows, and at most `max_categories` values (counting "(other)") are kept per column.
    """

    def __init__(self, min_count: int = 1, max_categories: int | None = None) -> None:
        self.min_count = min_count
        self.max_categories = max_categories

    def fit(self, x: pd.DataFrame, y: Any = None) -> RareCategories:
        """Learn the values kept in each text column."""
        self.kept_: dict[str, list[Any]] = {}
        for name in x.columns:
            if pd.api.types.is_numeric_dtype(x[name]):
                continue
            counts = x[name].value_counts()
            counts = counts[counts >= self.min_count]
            if self.max_categories and len(counts) > self.max_categories:
                counts = counts.head(self.max_categories - 1)
            self.kept_[name] = list(counts.index)
        return self

    def transform(self, x: pd.DataFrame) -> pd.DataFrame:
        """Return the frame with every value not kept replaced by "(other)"."""
        out = x.copy()
        for name, kept in self.kept_.items():
            out[name] = x[name].where(x[name].isin(kept), OTHER)
        return out
