"""Categories for every item: keyword and regex rules, plus a classifier trained on human labels.

The classifier is a multinomial logistic regression on hashed character n-grams (`cxdash.text`).
With few labels it also learns from the unlabelled majority by self-training (Yarowsky 1995;
scikit-learn's SelfTrainingClassifier describes the same loop): confident predictions on the
unlabelled items join the training set, class-balanced, for a few rounds.
The review queue orders items by least confidence, the classic uncertainty-sampling rule of active
learning (Lewis & Gale 1994), so that each correction teaches the model the most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import SGDClassifier

from cxdash.kinds import KINDS, cue_kinds
from cxdash.sentiment import model_from_ratings, score_items
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
from cxdash.text import Features, fit_features, normalise
from cxdash.touchpoints import assign_touchpoints

MIN_LABELS = 2
SELF_TRAIN_ROUNDS = 2
SELF_TRAIN_SHARE = 0.4
RULE_CONFIDENCE = 0.55
CHUNK = 20_000
UNLABELLED_SAMPLE = 5_000
ALPHA = 2e-5


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


@dataclass(frozen=True)
class Model:
    """A fitted text classifier: its features, estimator and class keys."""

    features: Features
    estimator: SGDClassifier
    classes: tuple[str, ...]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Return the class probabilities of the texts (rows × classes), in chunks."""
        parts = [
            self.estimator.predict_proba(self.features.transform(texts[i : i + CHUNK]))
            for i in range(0, len(texts), CHUNK)
        ]
        return np.vstack(parts) if parts else np.zeros((0, len(self.classes)))

    def predict(self, texts: Sequence[str]) -> pd.DataFrame:
        """Return per text the most probable class, its probability and the top-two margin."""
        probs = self.probabilities(texts)
        order = np.sort(probs, axis=1)
        margin = order[:, -1] - order[:, -2] if probs.shape[1] > 1 else order[:, -1]
        best = np.asarray(self.classes)[probs.argmax(axis=1)] if len(probs) else []
        return pd.DataFrame({"category": best, "confidence": order[:, -1], "margin": margin})


def _fit(
    features: Features, texts: Sequence[str], labels: Sequence[str], seed: int
) -> SGDClassifier:
    estimator = SGDClassifier(
        loss="log_loss", alpha=ALPHA, max_iter=30, tol=None, random_state=seed
    )
    return estimator.fit(features.transform(texts), np.asarray(labels))


def _confident(model: Model, pool: Sequence[str], per_class: int) -> tuple[list[str], list[str]]:
    """Return the pool texts the model is surest of, at most per_class for each class."""
    guessed = model.predict(pool).assign(text=list(pool))
    guessed = guessed.sort_values(["confidence", "text"], ascending=[False, True], kind="stable")
    chosen = guessed.groupby("category", sort=True).head(per_class)
    return chosen["text"].tolist(), chosen["category"].tolist()


def train_model(
    texts: Sequence[str],
    labels: Sequence[str],
    unlabelled: Sequence[str] = (),
    concepts: Sequence[tuple[str, Sequence[str]]] = (),
    seed: int = 0,
) -> Model | None:
    """Return a classifier trained on the labels (self-trained on unlabelled texts), or None."""
    counts = pd.Series(list(labels)).value_counts()
    if len(counts) < MIN_LABELS:
        return None
    features = fit_features([*texts, *unlabelled], concepts)
    classes = tuple(sorted(counts.index))
    model = Model(features, _fit(features, texts, labels, seed), classes)
    per_class = int(len(unlabelled) * SELF_TRAIN_SHARE / max(len(classes), 1) / SELF_TRAIN_ROUNDS)
    for round_no in range(1, SELF_TRAIN_ROUNDS + 1):
        if per_class < 1:
            break
        extra_texts, extra_labels = _confident(model, unlabelled, per_class * round_no)
        estimator = _fit(features, [*texts, *extra_texts], [*labels, *extra_labels], seed)
        model = Model(features, estimator, classes)
    return model


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
    store: Store, items: pd.DataFrame, facet: str, keys: set[str], concepts: list, seed: int
) -> tuple[Model | None, int]:
    """Return a model trained on a facet's person labels (self-trained), and how many it used."""
    people = person_labels(store, facet)
    people = people[people["label"].isin(keys)]
    pool = items.loc[~items["feedback_id"].isin(people["feedback_id"]), "text"]
    pool = (
        pool.sample(min(len(pool), UNLABELLED_SAMPLE), random_state=seed)
        if facet == "category"
        else pool.iloc[:0]
    )
    texts = people["text"].astype(str).tolist()
    model = train_model(texts, people["label"].tolist(), pool.astype(str).tolist(), concepts, seed)
    return model, len(people)


def _kinds(
    items: pd.DataFrame, texts: list[str], scores: np.ndarray, model: Model | None
) -> pd.DataFrame:
    cues = cue_kinds(texts, scores.tolist()).set_axis(items.index)
    cues["origin"] = "rule"
    if model is None:
        return cues
    learned = model.predict(texts).set_axis(items.index)
    better = learned["confidence"] > cues["confidence"]
    cues.loc[better, ["kind", "confidence"]] = learned.loc[
        better, ["category", "confidence"]
    ].to_numpy()
    cues.loc[better, "origin"] = "model"
    return cues


def run_classification(store: Store, batch_id: int | None = None, seed: int = 0) -> ClassifyRun:
    """(Re)train on the person labels and label every item (or one batch) by rule and model."""
    tax, version = load_taxonomy(store), current_version(store)
    items = load_items(store)
    keys = set(tax["key"])
    _import_person_labels(store, items, keys, version)
    concepts = _concepts(tax)
    model, trained = _train_on_people(
        store, items, "category", set(leaves(tax)) or keys, concepts, seed
    )
    kind_model, _ = _train_on_people(store, items, "kind", set(KINDS), [], seed)
    target = items if batch_id is None else load_items(store, batch_id)
    texts = target["text"].astype(str).tolist()
    chosen = combine(
        apply_rules(texts, compile_rules(tax)), model.predict(texts) if model else None
    )
    chosen = chosen.set_axis(target.index)
    sentiment = score_items(target, model_from_ratings(items, seed))
    kinds = _kinds(target, texts, sentiment["score"].to_numpy(), kind_model)
    labelled = target.assign(category=chosen["category"])
    points = assign_touchpoints(labelled, _touchpoint_map(tax), set(list_touchpoints(store)["key"]))
    frame = pd.DataFrame(
        {
            "feedback_id": target["feedback_id"],
            "category": chosen["category"],
            "category_origin": chosen["origin"],
            "category_conf": chosen["confidence"],
            "taxonomy_version": version,
            "kind": kinds["kind"],
            "kind_origin": kinds["origin"],
            "kind_conf": kinds["confidence"],
            "sentiment": sentiment["sentiment"],
            "sentiment_origin": sentiment["origin"],
            "sentiment_score": sentiment["score"],
            "touchpoint": points["touchpoint"],
            "touchpoint_origin": points["touchpoint"].notna().map({True: "rule", False: None}),
            "touchpoint_conf": points["confidence"],
        }
    )
    write_machine_labels(store, frame)
    summary = label_summary(store)
    return ClassifyRun(
        len(frame),
        dict(zip(summary["origin"], summary["items"].astype(int), strict=True)),
        trained,
        version,
    )


def classify_batch(store: Store, batch_id: int) -> ClassifyRun:
    """Label the items of one newly imported batch with the current taxonomy and models."""
    return run_classification(store, batch_id=batch_id)


def _touchpoint_map(tax: pd.DataFrame) -> dict[str, str]:
    return {
        str(k): str(t)
        for k, t in zip(tax["key"], tax["touchpoint"], strict=True)
        if isinstance(t, str) and t
    }
