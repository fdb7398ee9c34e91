"""Open survey answers through the step 2 classifier, and their shares by category."""

from __future__ import annotations

import pandas as pd

from cxdash.classify import classify_texts
from cxdash.storage import Store
from cxdash.storage.survey_responses import open_answers_to_classify, write_answer_categories


def classify_open_answers(store: Store, survey_id: int) -> int:
    """Give every open answer of a survey a category by the step 2 engine; return how many."""
    todo = open_answers_to_classify(store, survey_id)
    if todo.empty:
        return 0
    found = classify_texts(store, todo["text"].astype(str).tolist())
    labels = todo.assign(
        category=found["category"].to_numpy(), origin=found["origin"].fillna("none").to_numpy()
    )
    write_answer_categories(store, survey_id, labels)
    return int(found["category"].notna().sum())


def category_shares(answers: pd.DataFrame) -> pd.DataFrame:
    """Return per category (None = unclassified) the open answers and their share, largest first."""
    if answers.empty:
        return pd.DataFrame(columns=["category", "answers", "share"])
    counts = answers["category"].fillna("—").value_counts()
    table = counts.rename_axis("category").reset_index(name="answers")
    table["share"] = table["answers"] / table["answers"].sum()
    return table.sort_values(["answers", "category"], ascending=[False, True], ignore_index=True)
