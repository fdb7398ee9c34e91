"""Text features for Chinese and English feedback, without any model download.

Features are character 1–2-grams (GUIDE §5: `analyzer="char", ngram_range=(1, 2)` beats `char_wb`
and jieba words on Chinese reviews), hashed so that a fitted model can stream any number of rows.
A bilingual concept block maps the taxonomy's cue words in both languages onto one column per
category, so that Chinese and English items about the same thing share features. jieba gives the
readable keywords.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import SGDClassifier
from sklearn.naive_bayes import ComplementNB

N_FEATURES = 2**18
CONCEPT_WEIGHT = 0.6
ALPHA = 2e-5
EPOCHS = 20
CHUNK = 20_000
MIN_LABELS = 2
SELF_TRAIN_ROUNDS = 5
SELF_TRAIN_SHARE = 0.9
# Class-prior-aware picks (bench/classify.py, tuned on a dev split of the training part): when
# the first model's guesses spread evenly over the classes (normalised entropy at least this),
# picks follow half the estimated prior and half a uniform share; otherwise they follow the
# estimated prior alone, so that small classes are not filled with items of large ones.
EVEN_PRIOR = 0.95
# From this many labels per class on, the model learns from the labels alone. With the picks
# above, self-training still helped on the dev split at 100 and 200 a class (+0.017, +0.004
# macro-F1); larger label sets were not measured, so it stops just above the measured range.
SELF_TRAIN_UNTIL = 250
# The classifier averages the logistic model's class probabilities with those of a Complement
# Naive Bayes model on the same rows, inside self-training (its picks) and after it. Chosen on a
# dev split of the training part (bench/classify.py, three label draws; weights 0.3–1.0, alpha
# 0.03–1.0): macro-F1 from 0.798 to 0.827 at 20 labels a class and 0.858 to 0.866 at 200.
NB_WEIGHT = 0.85
NB_ALPHA = 0.1
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"[a-z][a-z']+")
WORD_MARK = "\x00"
_WORD = re.compile(r"[a-z][a-z']+|[\u4e00-\u9fff]+")
_STOP_TEXT = (
    "的 了 是 我 你 他 她 们 在 也 和 就 都 而 及 与 着 或 一个 没有 不是 我们 你们 他们 这个 那个"
    " 这 那 吗 吧 啊 呢 很 还 又 再 但 但是 因为 所以 已经 什么 怎么 可以 还是 一下 一直 真的 就是"
    " 现在 时候 自己 这样 然后 这么 非常 有点 一点 说 要 会 能 让 给 把 被 对 从 到 去 来 个 上 下"
    " the a an and or of to in on for is are was were be been it this that with my me i you your"
    " we our they them at as by not no but so do does did have has had can could would should"
    " will just from there their what when how all any its im dont very too again still get got"
    " pls please thanks"
)
STOPWORDS = frozenset(_STOP_TEXT.split())


def normalise(text: object) -> str:
    """Return text in a comparable form: NFKC width, lower case, numbers as 0, single spaces."""
    folded = unicodedata.normalize("NFKC", str(text or "")).lower()
    return _SPACES.sub(" ", _DIGITS.sub("0", folded)).strip()


def grams(text: str) -> list[str]:
    """Return the hashed terms of a text: its character 1- and 2-grams, plus its Latin words.

    Character n-grams carry Chinese; for English narratives whole words matter too (bench: +0.09
    macro-F1 on CFPB at 20 labels a class), and Chinese text holds no Latin words to add.
    """
    folded = normalise(text)
    pairs = [folded[i : i + 2] for i in range(len(folded) - 1)]
    return [*folded, *pairs, *(WORD_MARK + w for w in _LATIN.findall(folded))]


def char_grams(text: str) -> list[str]:
    """Return the character 1- and 2-grams of a text only (discovery: no split by script)."""
    folded = normalise(text)
    return [*folded, *(folded[i : i + 2] for i in range(len(folded) - 1))]


def _char_hasher(words: bool = True) -> HashingVectorizer:
    analyzer = grams if words else char_grams
    return HashingVectorizer(
        analyzer=analyzer, n_features=N_FEATURES, alternate_sign=False, norm=None
    )


@dataclass(frozen=True)
class Features:
    """A fitted feature map: hashed char n-grams with IDF weights, plus the concept block."""

    idf: TfidfTransformer
    concepts: tuple[tuple[str, tuple[str, ...]], ...]
    words: bool = True

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return the L2-normalised feature rows of the texts."""
        return self.rows(_char_hasher(self.words).transform(texts), texts)

    def rows(self, counts: sp.csr_matrix, texts: Sequence[str]) -> sp.csr_matrix:
        """Return the feature rows from already hashed char counts of the texts."""
        chars = self.idf.transform(counts)
        if not self.concepts:
            return sp.csr_matrix(chars)
        block = concept_matrix(texts, self.concepts) * CONCEPT_WEIGHT
        joined = sp.hstack([chars, block], format="csr")
        norms = np.sqrt(np.asarray(joined.multiply(joined).sum(axis=1)).ravel())
        return sp.csr_matrix(sp.diags(1 / np.where(norms > 0, norms, 1)) @ joined)


def fit_features(
    texts: Sequence[str],
    concepts: Iterable[tuple[str, Iterable[str]]] = (),
    words: bool = True,
) -> Features:
    """Return a feature map whose IDF weights are learned from the texts."""
    idf = TfidfTransformer(sublinear_tf=True).fit(_char_hasher(words).transform(texts))
    cues = tuple((key, tuple(w.lower() for w in ws if w)) for key, ws in concepts)
    return Features(idf=idf, concepts=tuple(c for c in cues if c[1]), words=words)


def fit_transform(
    texts: Sequence[str],
    concepts: Iterable[tuple[str, Iterable[str]]] = (),
    words: bool = True,
) -> tuple[Features, sp.csr_matrix]:
    """Return a feature map fitted on the texts and the texts' feature rows (one hashing pass)."""
    counts = _char_hasher(words).transform(texts)
    idf = TfidfTransformer(sublinear_tf=True).fit(counts)
    cues = tuple((key, tuple(w.lower() for w in ws if w)) for key, ws in concepts)
    features = Features(idf=idf, concepts=tuple(c for c in cues if c[1]), words=words)
    return features, features.rows(counts, texts)


def concept_matrix(
    texts: Sequence[str], concepts: Sequence[tuple[str, tuple[str, ...]]]
) -> sp.csr_matrix:
    """Return a text × concept matrix: 1 where a text holds one of the concept's cue words."""
    patterns = [re.compile("|".join(re.escape(w) for w in words)) for _, words in concepts]
    rows, cols = [], []
    for i, text in enumerate(texts):
        folded = normalise(text)
        for j, pattern in enumerate(patterns):
            if pattern.search(folded):
                rows.append(i)
                cols.append(j)
    data = np.ones(len(rows))
    return sp.csr_matrix((data, (rows, cols)), shape=(len(texts), len(concepts)))


@lru_cache(maxsize=1)
def _jieba() -> object:
    """Return jieba, initialised once and quietly (its dictionary ships in the package)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def words(text: str) -> list[str]:
    """Return the readable words of a text: jieba words for Chinese, plain words for English."""
    cut = _jieba().lcut  # type: ignore[attr-defined]
    found = []
    for chunk in _WORD.findall(normalise(text)):
        parts = cut(chunk) if "\u4e00" <= chunk[0] <= "\u9fff" else [chunk]
        found += [p for p in parts if len(p) > 1 and p not in STOPWORDS]
    return found


def distinctive_words(
    group: Sequence[set[str]], background: Counter[str], documents: int, n: int = 8
) -> list[str]:
    """Return the words most over-represented in a group of word sets against the background.

    A word scores its share in the group times the log of that share over its share of all
    `documents` (a term of the Kullback–Leibler divergence, as in Tomokiyo & Hurst 2003), so a
    word common everywhere (greetings, "问题") scores about zero however often it occurs.
    """
    counts = Counter(w for found in group for w in found)
    size, total = max(len(group), 1), max(documents, 1)

    def lift(word: str) -> float:
        share = counts[word] / size
        return share * float(np.log(share * (total + 1) / (background[word] + 1)))

    ranked = sorted((w for w, c in counts.items() if c >= 2), key=lambda w: (-lift(w), w))
    return ranked[:n]


def word_sets(texts: Iterable[str]) -> list[set[str]]:
    """Return the set of readable words of each text (each text cut by jieba once)."""
    return [set(words(text)) for text in texts]


def word_counts(found: Iterable[set[str]]) -> Counter[str]:
    """Return how many texts hold each word (document frequency), from their word sets."""
    return Counter(w for words_of_text in found for w in words_of_text)


def analysis_text(items: pd.DataFrame) -> pd.Series:
    """Return what the models read for each item: its subject line, then its body.

    Feedback often comes as a subject beside a body (a ticket's subject and description, a
    message's 留言主题 and 留言详情). The subject is the writer's own summary, so classification,
    kind, sentiment and discovery read "subject + body" as one text; an item without a subject
    (or a frame without the column) reads its body alone. A subject the body already opens with
    is not repeated. The stored text is never changed: this only builds the models' input.
    """
    body = items["text"].fillna("").astype(str)
    if "subject" not in items.columns:
        return body
    subject = items["subject"].fillna("").astype(str).str.strip()
    joined = [
        text if not head or text.startswith(head) else f"{head}\n{text}"
        for head, text in zip(subject.tolist(), body.tolist(), strict=True)
    ]
    return pd.Series(joined, index=items.index, dtype=object)


def detect_lang(texts: pd.Series) -> pd.Series:
    """Return "zh" for texts holding Chinese characters and "en" for the others."""
    return (
        texts.astype(str)
        .str.contains(r"[\u4e00-\u9fff]", regex=True)
        .map({True: "zh", False: "en"})
    )


def linear_classifier(seed: int = 0) -> SGDClassifier:
    """Return the linear model used throughout: logistic loss by SGD, fixed seed."""
    return SGDClassifier(loss="log_loss", alpha=ALPHA, max_iter=EPOCHS, tol=None, random_state=seed)


def partner_classifier() -> ComplementNB:
    """Return the Naive Bayes partner of the linear model (Rennie et al. 2003, complement form)."""
    return ComplementNB(alpha=NB_ALPHA)


@dataclass(frozen=True)
class Model:
    """A fitted text classifier: its features, estimator and class keys.

    With a partner, class probabilities are the NB_WEIGHT blend of the logistic model's and a
    Complement Naive Bayes model's. Ng & Jordan (2002) show the generative model is the better
    one with few examples and the discriminative one with many; averaging the two (an ensemble
    of unlike learners, as in Wang & Manning 2012's NB and SVM mix) gains on both ends here.
    """

    features: Features
    estimator: SGDClassifier
    classes: tuple[str, ...]
    partner: ComplementNB | None = None

    def probabilities(self, rows: sp.csr_matrix) -> np.ndarray:
        """Return the class probabilities of the feature rows (columns in `estimator.classes_`)."""
        probs = np.asarray(self.estimator.predict_proba(rows))
        if self.partner is None:
            return probs
        return (1 - NB_WEIGHT) * probs + NB_WEIGHT * np.asarray(self.partner.predict_proba(rows))

    def predict_rows(self, rows: sp.csr_matrix) -> pd.DataFrame:
        """Return per feature row the most probable class, its probability and top-two margin."""
        probs = self.probabilities(rows) if rows.shape[0] else np.zeros((0, 2))
        order = np.sort(probs, axis=1)
        margin = order[:, -1] - order[:, -2] if probs.shape[1] > 1 else order[:, -1]
        best = np.asarray(self.estimator.classes_)[probs.argmax(axis=1)] if len(probs) else []
        return pd.DataFrame({"category": best, "confidence": order[:, -1], "margin": margin})

    def predict(self, texts: Sequence[str]) -> pd.DataFrame:
        """Return the predictions for texts, transformed in chunks to bound memory."""
        parts = [
            self.predict_rows(self.features.transform(texts[i : i + CHUNK]))
            for i in range(0, len(texts), CHUNK)
        ]
        return (
            pd.concat(parts, ignore_index=True)
            if parts
            else self.predict_rows(sp.csr_matrix((0, 1)))
        )


def fit_model(
    features: Features,
    rows: sp.csr_matrix,
    labels: np.ndarray,
    classes: tuple[str, ...],
    seed: int,
    partner: bool = True,
) -> Model:
    """Return the logistic model, with its Naive Bayes partner if asked, fitted on the rows."""
    estimator = linear_classifier(seed).fit(rows, labels)
    bayes = partner_classifier().fit(rows, labels) if partner else None
    return Model(features, estimator, classes, bayes)


def _confident(
    model: Model, pool: sp.csr_matrix, quotas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the pool rows the model is surest of (at most quotas[k] for class k), and labels."""
    guessed = model.predict_rows(pool).reset_index(names="row")
    guessed = guessed.sort_values(["confidence", "row"], ascending=[False, True], kind="stable")
    limit = guessed["category"].map(dict(zip(model.classes, quotas, strict=True)))
    chosen = guessed[guessed.groupby("category", sort=True).cumcount() < limit]
    return chosen["row"].to_numpy(), chosen["category"].to_numpy()


def _guessed_prior(guesses: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    counts = pd.Series(list(guesses)).value_counts().reindex(list(classes), fill_value=0)
    return counts.to_numpy(dtype=float) / max(int(counts.sum()), 1)


def even_spread(guesses: Sequence[str], classes: Sequence[str]) -> bool:
    """Return whether guesses spread evenly over the classes (normalised entropy ≥ EVEN_PRIOR)."""
    prior = _guessed_prior(guesses, classes)
    present = prior[prior > 0]
    entropy = float(-(present * np.log(present)).sum())
    return len(classes) > 1 and entropy / np.log(len(classes)) >= EVEN_PRIOR


def pick_shares(guesses: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    """Return the share of self-training picks per class, from the first model's guesses.

    The guessed class counts estimate the class priors of the unlabelled items. With an even
    estimate (`even_spread`) the shares mix it half and half with a uniform share, which keeps
    classes the first model under-guesses in play; with an uneven one they follow the estimate,
    so small classes only get their own share of the picks.
    """
    prior = _guessed_prior(guesses, classes)
    return 0.5 * prior + 0.5 / len(classes) if even_spread(guesses, classes) else prior


def train_on_rows(
    features: Features,
    rows: sp.csr_matrix,
    labels: Sequence[str],
    pool: sp.csr_matrix | None = None,
    seed: int = 0,
) -> Model | None:
    """Return a classifier trained on labelled rows, self-trained on the pool rows, or None.

    Self-training (Yarowsky 1995; scikit-learn's SelfTrainingClassifier runs the same loop):
    the most confident predictions on the unlabelled pool join the training set for a few
    rounds, a growing share of the pool each round, split over the classes by `pick_shares`
    (class priors estimated from the first model's guesses, as in Saerens et al. 2002's
    setting of labelled and unlabelled priors that differ). With SELF_TRAIN_UNTIL labels a class
    or more it is skipped.

    The Naive Bayes partner joins only when the logistic model's guesses on the pool (or, with
    no pool, the labels) spread evenly over the classes: Complement NB leaves the class prior out
    of its decision (Rennie et al. 2003, §3.1), which suits classes of about equal size and
    pushes items into the small ones otherwise (bench: CFPB products, macro-F1 0.70 to 0.14).
    """
    target = np.asarray(labels, dtype=object)
    if len(set(target)) < MIN_LABELS:
        return None
    classes = tuple(sorted(set(target)))
    model = fit_model(features, rows, target, classes, seed, partner=False)
    has_pool = pool is not None and pool.shape[0] > 0
    guesses = model.predict_rows(pool)["category"].tolist() if has_pool else target.tolist()
    blend = even_spread(guesses, classes)
    if blend:
        model = Model(features, model.estimator, classes, partner_classifier().fit(rows, target))
    few = len(target) / len(classes) < SELF_TRAIN_UNTIL
    if pool is None or not has_pool or not few:
        return model
    shares = pick_shares(model.predict_rows(pool)["category"], classes)
    for round_no in range(1, SELF_TRAIN_ROUNDS + 1):
        take = pool.shape[0] * SELF_TRAIN_SHARE * round_no / SELF_TRAIN_ROUNDS
        picked, guessed = _confident(model, pool, np.floor(shares * take).astype(int))
        if not len(picked):
            break
        model = fit_model(
            features,
            sp.vstack([rows, pool[picked]], format="csr"),
            np.concatenate([target, guessed]),
            classes,
            seed,
            partner=blend,
        )
    return model


def train_model(
    texts: Sequence[str],
    labels: Sequence[str],
    unlabelled: Sequence[str] = (),
    concepts: Iterable[tuple[str, Iterable[str]]] = (),
    seed: int = 0,
) -> Model | None:
    """Return a classifier trained on labelled texts (self-trained on unlabelled ones), or None."""
    features, rows = fit_transform([*texts, *unlabelled], concepts)
    pool = rows[len(texts) :] if len(unlabelled) else None
    return train_on_rows(features, rows[: len(texts)], labels, pool, seed)
