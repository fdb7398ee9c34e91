"""Categories for every item: keyword and regex rules, plus a classifier trained on human labels.

The classifier is a multinomial logistic regression on hashed character n-grams, its class
probabilities averaged with a Complement Naive Bayes model on the same rows (`cxdash.text`).
With few labels it also learns from the unlabelled majority by self-training (Yarowsky 1995;
scikit-learn's SelfTrainingClassifier describes the same loop): confident predictions on the
unlabelled items join the training set for a few rounds, split over the classes by their priors
as estimated on the unlabelled items (`cxdash.text.pick_shares`).
The review queue orders items by least confidence, the classic uncertainty-sampling rule of active
learning (Lewis & Gale 1994), so that each correction teaches the model the most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from cxdash.kinds import KINDS, cue_kinds
from cxdash.sentiment import lexicon_scores, model_from_ratings, score_items
from cxdash.storage import Store
from cxdash.storage.labels import (
    PERSON_ORIGINS,
    label_summary,
    labels_of,
    load_items,
    person_labels,
    set_person_label,
    write_machine_labels,
)
from cxdash.storage.taxonomy import current_version, load_taxonomy
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.taxonomy import leaves
from cxdash.text import Features, Model, analysis_text, fit_transform, normalise, train_on_rows
from cxdash.touchpoints import assign_touchpoints

MIN_LABELS = 2
RULE_CONFIDENCE = 0.55
UNLABELLED_SAMPLE = 5_000


@dataclass(frozen=True)
class Rule:
    """One category's rule: its cue words as one pattern, and an optional regex."""

    key: str
    words: re.Pattern[str] | None
    pattern: re.Pattern[str] | None

    def hits(self, folded: str) -> int:
        """Return how many distinct cue words the text holds, plus 2 when the regex matches."""
        found = len(set(self.words.findall(folded))) if self.words else 0
        return found + (2 if self.pattern and self.pattern.search(folded) else 0)


def compile_rules(tax: pd.DataFrame) -> list[Rule]:
    """Return the rules of the taxonomy's categories that have cue words or a regex."""
    rules = []
    for row in tax.itertuples(index=False):
        words = [w.strip().lower() for w in str(row.keywords or "").split("|") if w.strip()]
        joined = re.compile("|".join(re.escape(w) for w in words)) if words else None
        pattern = re.compile(str(row.pattern), re.IGNORECASE) if row.pattern else None
        if joined or pattern:
            rules.append(Rule(str(row.key), joined, pattern))
    return rules


def apply_rules(texts: Sequence[str], rules: Sequence[Rule]) -> pd.DataFrame:
    """Return per text the category with most rule hits (ties: taxonomy order), and a confidence."""
    best: list[str | None] = []
    conf: list[float] = []
    for text in texts:
        folded = normalise(text)
        hits = [r.hits(folded) for r in rules]
        top = int(np.argmax(hits)) if hits else 0
        found = bool(hits) and hits[top] > 0
        best.append(rules[top].key if found else None)
        conf.append(min(0.9, RULE_CONFIDENCE + 0.1 * (hits[top] - 1)) if found else 0.0)
    return pd.DataFrame({"category": best, "confidence": conf})


def combine(rule: pd.DataFrame, model: pd.DataFrame | None) -> pd.DataFrame:
    """Return the chosen category per item: the model's, or the rule's where the model is unsure."""
    if model is None:
        origin = rule["category"].notna().map({True: "rule", False: None})
        return rule.assign(origin=origin, margin=rule["confidence"])
    use_rule = rule["category"].notna() & (
        model["confidence"].to_numpy() < rule["confidence"].to_numpy()
    )
    out = model.copy()
    out["origin"] = use_rule.map({True: "rule", False: "model"})
    out.loc[use_rule, "category"] = rule.loc[use_rule, "category"]
    out.loc[use_rule, "confidence"] = rule.loc[use_rule, "confidence"]
    return out


def review_order(labels: pd.DataFrame) -> pd.DataFrame:
    """Return the machine-labelled items, least confident first (uncertainty sampling)."""
    machine = labels[labels["category_origin"].isin(["model", "rule"])]
    return machine.sort_values(["category_conf", "feedback_id"], kind="stable")


@dataclass(frozen=True)
class ClassifyRun:
    """What one classification run did: items labelled, by origin, and what it learned from."""

    items: int
    by_origin: dict[str, int]
    trained_on: int
    taxonomy_version: int | None


def _concepts(tax: pd.DataFrame) -> list[tuple[str, list[str]]]:
    return [(str(r.key), str(r.keywords).split("|")) for r in tax.itertuples() if r.keywords]


def _import_person_labels(
    store: Store, items: pd.DataFrame, keys: set[str], version: int | None
) -> None:
    """Record the category and kind columns mapped at import as human labels (once)."""
    existing = labels_of(store, items["feedback_id"].tolist()).set_index("feedback_id")
    for facet, column, allowed in (
        ("category", "imported_category", keys),
        ("kind", "imported_kind", set(KINDS)),
    ):
        origin = existing.get(f"{facet}_origin", pd.Series(dtype=object))
        fresh = items[
            items[column].isin(allowed) & ~items["feedback_id"].map(origin).isin(PERSON_ORIGINS)
        ]
        for value, group in fresh.groupby(column):
            set_person_label(
                store, group["feedback_id"].tolist(), facet, str(value), "human", version
            )


def _train_on_people(
    store: Store, facet: str, keys: set[str], found: _Rows, unlabelled: int
) -> tuple[Model | None, int]:
    """Return a model trained on a facet's person labels (self-trained), and how many it used."""
    people = person_labels(store, facet)
    people = people[people["label"].isin(keys)]
    at = found.position(people["feedback_id"])
    free = np.setdiff1d(np.arange(found.rows.shape[0]), at)
    pool = np.sort(np.random.default_rng(0).permutation(free)[:unlabelled])
    model = train_on_rows(
        found.features,
        found.rows[at],
        people["label"].tolist(),
        found.rows[pool] if len(pool) else None,
    )
    return model, len(people)


@dataclass(frozen=True)
class _Rows:
    """The feature rows of every item, with a map from feedback id to row."""

    features: Features
    rows: sp.csr_matrix
    ids: pd.Series

    def position(self, feedback_ids: pd.Series) -> np.ndarray:
        """Return the row numbers of the given feedback ids."""
        lookup = pd.Series(np.arange(len(self.ids)), index=self.ids.to_numpy())
        return lookup.reindex(feedback_ids.to_numpy()).dropna().astype(int).to_numpy()


def _kinds(texts: list[str], scores: np.ndarray, learned: pd.DataFrame | None) -> pd.DataFrame:
    cues = cue_kinds(texts, scores.tolist()).assign(origin="rule")
    if learned is None:
        return cues
    better = learned["confidence"].to_numpy() > cues["confidence"].to_numpy()
    cues.loc[better, "kind"] = learned.loc[better, "category"].to_numpy()
    cues.loc[better, "confidence"] = learned.loc[better, "confidence"].to_numpy()
    cues.loc[better, "origin"] = "model"
    return cues


def label_items(
    store: Store, tax: pd.DataFrame, target: pd.DataFrame, found: _Rows, unlabelled: int
) -> pd.DataFrame:
    """Return every machine label (category, kind, sentiment, touchpoint) of the target items."""
    keys = set(leaves(tax)) or set(tax["key"])
    model, _ = _train_on_people(store, "category", keys, found, unlabelled)
    kind_model, _ = _train_on_people(store, "kind", set(KINDS), found, 0)
    rows = found.rows[found.position(target["feedback_id"])]
    texts = target["text"].astype(str).tolist()
    rules = apply_rules(texts, compile_rules(tax))
    chosen = combine(rules, model.predict_rows(rows) if model else None).set_axis(target.index)
    lexical = lexicon_scores(texts)
    mood = model_from_ratings(target, found.features, rows, lexical=lexical)
    sentiment = score_items(target, mood, rows, lexical).set_axis(target.index)
    kinds = _kinds(
        texts, sentiment["score"].to_numpy(), kind_model.predict_rows(rows) if kind_model else None
    )
    points = assign_touchpoints(
        target.assign(category=chosen["category"]),
        _touchpoint_map(tax),
        set(list_touchpoints(store)["key"]),
    )
    return pd.DataFrame(
        {
            "feedback_id": target["feedback_id"].to_numpy(),
            "category": chosen["category"].to_numpy(),
            "category_origin": chosen["origin"].to_numpy(),
            "category_conf": chosen["confidence"].to_numpy(),
            "kind": kinds["kind"].to_numpy(),
            "kind_origin": kinds["origin"].to_numpy(),
            "kind_conf": kinds["confidence"].to_numpy(),
            "sentiment": sentiment["sentiment"].to_numpy(),
            "sentiment_origin": sentiment["origin"].to_numpy(),
            "sentiment_score": sentiment["score"].to_numpy(),
            "touchpoint": points["touchpoint"].to_numpy(),
            "touchpoint_origin": points["touchpoint"]
            .notna()
            .map({True: "rule", False: None})
            .to_numpy(),
            "touchpoint_conf": points["confidence"].to_numpy(),
        }
    )


def run_classification(
    store: Store, batch_id: int | None = None, unlabelled: int = UNLABELLED_SAMPLE
) -> ClassifyRun:
    """(Re)train on the person labels and label every item (or one batch) by rule and model."""
    tax, version = load_taxonomy(store), current_version(store)
    items = load_items(store)
    if items.empty:
        return ClassifyRun(0, {}, 0, version)
    items = items.assign(text=analysis_text(items))  # every facet reads subject + body
    _import_person_labels(store, items, set(tax["key"]), version)
    features, rows = fit_transform(items["text"].astype(str).tolist(), _concepts(tax))
    found = _Rows(features, rows, items["feedback_id"])
    target = (
        items
        if batch_id is None
        else items[items["feedback_id"].isin(load_items(store, batch_id)["feedback_id"])]
    )
    frame = label_items(store, tax, target, found, unlabelled).assign(taxonomy_version=version)
    write_machine_labels(store, frame)
    summary = label_summary(store)
    by_origin = dict(zip(summary["origin"], summary["items"].astype(int), strict=True))
    trained = int((person_labels(store)["label"].isin(set(tax["key"]))).sum())
    return ClassifyRun(len(frame), by_origin, trained, version)


def classify_batch(store: Store, batch_id: int) -> ClassifyRun:
    """Label the items of one newly imported batch with the current taxonomy and models."""
    return run_classification(store, batch_id=batch_id)


def _touchpoint_map(tax: pd.DataFrame) -> dict[str, str]:
    return {
        str(k): str(t)
        for k, t in zip(tax["key"], tax["touchpoint"], strict=True)
        if isinstance(t, str) and t
    }


def classify_texts(
    store: Store, texts: Sequence[str], unlabelled: int = UNLABELLED_SAMPLE
) -> pd.DataFrame:
    """Return category, confidence and origin for texts outside the feedback table.

    The same step 2 engine as `classify_batch`: the taxonomy's rules, and the model trained on
    the person labels of the feedback (self-trained on its unlabelled items), rule where surer.
    """
    tax = load_taxonomy(store)
    empty = pd.DataFrame({"category": [None] * len(texts), "confidence": 0.0, "origin": None})
    if tax.empty or not len(texts):
        return empty
    rules = apply_rules(list(texts), compile_rules(tax))
    items = load_items(store)
    model = None
    if not items.empty:
        features, rows = fit_transform(analysis_text(items).tolist(), _concepts(tax))
        found = _Rows(features, rows, items["feedback_id"])
        keys = set(leaves(tax)) or set(tax["key"])
        model, _ = _train_on_people(store, "category", keys, found, unlabelled)
    chosen = combine(rules, model.predict(list(texts)) if model else None)
    return chosen[["category", "confidence", "origin"]].reset_index(drop=True)
