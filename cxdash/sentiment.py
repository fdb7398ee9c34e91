"""Sentiment per item (negative, neutral, positive) with a score in [-1, 1], offline.

A rating, where present, decides: on a 5-point scale 1–2 negative, 3 neutral, 4–5 positive
(other scales are rescaled to 1–5 first). The text model covers the rest. It averages the
polarity of a hand-written bilingual lexicon read clause by clause (cxdash.polarity: negation,
degree, contrast; Hu & Liu 2004, Taboada et al. 2011) with a logistic regression learned from the
workspace's own rated items, when there are enough of them. The plain average beat logistic
stacking of the two and other weights when a product category was held out in turn
(bench/classify.py).

A workspace's rated items may come from other products or channels than its unrated ones, so the
learned model then adapts to the workspace's unrated text by self-training (Yarowsky 1995; as a
domain-adaptation step, Blitzer et al. 2007 frame the shift): the unrated items whose blended
score is clearest on either side, split by the pool's estimated positive share, join the rated
ones with that side as their label, for a few rounds over a growing share; the adapted model
then weighs 0.6 against the lexicon's 0.4. Ratings still decide every rated item, so a
pseudo-label never overrides a rating. Rounds, shares and that weight were chosen with a
shopping category held out in turn (its texts adapted on without labels in one half, scored in
the other). Splitting the picks by the estimated positive share, rather than equally, came after
equal picks were seen to lower the two skewed test sets; it was then checked on shopping
categories resampled to 70 % and 30 % positive (bench/classify.py notes say so beside the figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier

from cxdash.polarity import lexicon_score
from cxdash.text import Features, linear_classifier

SENTIMENTS = ("negative", "neutral", "positive")
NEUTRAL_BAND = 0.15
MIN_RATED = 200
ADAPT_ROUNDS = 3
ADAPT_SHARE = 1.0
ADAPTED_LEXICON_WEIGHT = 0.4
ADAPT_POOL = 20_000


def rating_sentiment(rating: pd.Series, rating_max: pd.Series) -> pd.DataFrame:
    """Return sentiment and score from ratings rescaled to 1–5; NaN where there is no rating."""
    top = rating_max.fillna(5.0).where(rating_max.fillna(5.0) > 1, 5.0)
    five = 1 + (rating.astype(float) - 1) * 4 / (top - 1)
    label = np.select([five < 2.5, five <= 3.5], ["negative", "neutral"], "positive")
    out = pd.DataFrame({"sentiment": label, "score": ((five - 3) / 2).clip(-1, 1)})
    return out.where(rating.notna())


@dataclass(frozen=True)
class SentimentModel:
    """A polarity classifier learned from rated items: features and estimator."""

    features: Features
    estimator: SGDClassifier
    lexicon_weight: float = 0.5

    def polarity_rows(self, rows: sp.csr_matrix) -> np.ndarray:
        """Return 2·P(positive) − 1 per feature row."""
        return 2 * self.estimator.predict_proba(rows)[:, 1] - 1


def train_sentiment(
    features: Features, rows: sp.csr_matrix, positive: Sequence[bool], seed: int = 0
) -> SentimentModel | None:
    """Return a polarity model learned from labelled rows, or None with too few of either side."""
    flags = np.asarray(positive, dtype=bool)
    if min(flags.sum(), (~flags).sum()) < MIN_RATED // 4:
        return None
    return SentimentModel(features, linear_classifier(seed).fit(rows, flags))


def lexicon_scores(texts: Sequence[str]) -> np.ndarray:
    """Return the lexicon polarity in [-1, 1] of each text."""
    return np.array([lexicon_score(t) for t in texts], dtype=float)


def text_scores(
    texts: Sequence[str],
    model: SentimentModel | None = None,
    rows: sp.csr_matrix | None = None,
    lexical: np.ndarray | None = None,
) -> np.ndarray:
    """Return the text polarity in [-1, 1]: the lexicon, blended with the model when given."""
    if lexical is None:
        lexical = lexicon_scores(texts)
    if model is None:
        return lexical
    found = rows if rows is not None else model.features.transform(texts)
    weight = model.lexicon_weight
    return weight * lexical + (1 - weight) * model.polarity_rows(found)


def label_scores(scores: np.ndarray) -> np.ndarray:
    """Return negative, neutral or positive for each score (neutral within the middle band)."""
    return np.select(
        [scores < -NEUTRAL_BAND, scores <= NEUTRAL_BAND], ["negative", "neutral"], "positive"
    )


def score_items(
    items: pd.DataFrame,
    model: SentimentModel | None = None,
    rows: sp.csr_matrix | None = None,
    lexical: np.ndarray | None = None,
) -> pd.DataFrame:
    """Return sentiment, score and origin (rating or model) per item of a text/rating frame."""
    rated = rating_sentiment(items["rating"], items["rating_max"])
    scores = text_scores(items["text"].astype(str).tolist(), model, rows, lexical)
    out = pd.DataFrame(
        {"sentiment": label_scores(scores), "score": scores, "origin": "model"}, index=items.index
    )
    has = rated["sentiment"].notna()
    out.loc[has, ["sentiment", "score"]] = rated.loc[has, ["sentiment", "score"]]
    out.loc[has, "origin"] = "rating"
    return out


def adapt_sentiment(
    model: SentimentModel,
    rows: sp.csr_matrix,
    positive: Sequence[bool],
    pool: sp.csr_matrix,
    pool_lexical: np.ndarray,
    seed: int = 0,
) -> SentimentModel:
    """Return the model self-trained on unlabelled pool rows (their lexicon scores given).

    Each of ADAPT_ROUNDS rounds scores the pool with the blend of lexicon and current model (the
    lexicon weighing ADAPTED_LEXICON_WEIGHT, the adapted model the rest, here and after) and
    takes the share ADAPT_SHARE · round / ADAPT_ROUNDS of it as pseudo-labels: the clearest
    positive and the clearest negative blends (only items on that side), split by the positive
    share of the first blend, an estimate of the pool's class prior (equal halves did as well on
    balanced held-out categories and worse when they were resampled to 70 % or 30 % positive).
    The model is then learned again from the labelled rows and those. A pool over ADAPT_POOL rows is
    sampled down with the seed, so the cost stays flat and the result is reproducible.
    """
    flags = np.asarray(positive, dtype=bool)
    lexical = np.asarray(pool_lexical, dtype=float)
    if pool.shape[0] > ADAPT_POOL:
        keep = np.sort(np.random.default_rng(seed).choice(pool.shape[0], ADAPT_POOL, replace=False))
        pool, lexical = pool[keep], lexical[keep]
    if int(pool.shape[0] * ADAPT_SHARE / ADAPT_ROUNDS) == 0:
        return model
    model = replace(model, lexicon_weight=ADAPTED_LEXICON_WEIGHT)
    prior = float((text_scores([], model, pool, lexical) >= 0).mean())
    for round_no in range(1, ADAPT_ROUNDS + 1):
        take = int(pool.shape[0] * ADAPT_SHARE * round_no / ADAPT_ROUNDS)
        up = round(take * prior)
        blend = text_scores([], model, pool, lexical)
        order = np.argsort(-blend, kind="stable")
        ups, downs = order[:up], order[::-1][: take - up]
        picked = np.concatenate([ups[blend[ups] > 0], downs[blend[downs] < 0]])
        estimator = linear_classifier(seed).fit(
            sp.vstack([rows, pool[picked]], format="csr"),
            np.concatenate([flags, blend[picked] > 0]),
        )
        model = replace(model, estimator=estimator)
    return model


def model_from_ratings(
    items: pd.DataFrame,
    features: Features,
    rows: sp.csr_matrix,
    seed: int = 0,
    lexical: np.ndarray | None = None,
    adapt: bool = True,
) -> SentimentModel | None:
    """Return a polarity model learned from the items rated clearly (1–2 or 4–5 of 5), or None.

    With `adapt`, the model then adapts to the unrated items' text (`adapt_sentiment`); their
    lexicon scores are taken from `lexical` (one per item) when given.
    """
    rated = rating_sentiment(items["rating"], items["rating_max"])
    clear = rated["sentiment"].isin(["negative", "positive"]).to_numpy()
    if clear.sum() < MIN_RATED:
        return None
    positive = (rated["sentiment"] == "positive").to_numpy()[clear]
    at = np.flatnonzero(clear)
    model = train_sentiment(features, rows[at], positive.tolist(), seed)
    unrated = np.flatnonzero(rated["sentiment"].isna().to_numpy())
    if model is None or not adapt or not len(unrated):
        return model
    texts = items["text"].astype(str).to_numpy()[unrated].tolist()
    pool_lexical = lexicon_scores(texts) if lexical is None else np.asarray(lexical)[unrated]
    return adapt_sentiment(model, rows[at], positive, rows[unrated], pool_lexical, seed)
