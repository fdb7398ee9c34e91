"""Discovery: clusters of similar feedback, with readable keywords and a suggested number k.

Features are the hashed char n-grams of `cxdash.text` with the bilingual concept block, reduced by
LSA (truncated SVD, Deerwester et al. 1990, fitted on a fixed sample) and grouped by
MiniBatchKMeans (Sculley 2010). The partition is then refined by a few rounds of hard EM with a
Complement Naive Bayes model on the full n-gram counts (Nigam et al. 2000, "Text classification
from labeled and unlabeled documents using EM"; Rennie et al. 2003 for the complement form), which
uses the rare, topical n-grams that LSA smooths away. Every step has a fixed seed, so the same data
and settings give the same clusters. k is suggested by the mean silhouette (Rousseeuw 1987) on a
fixed sample, a curve the user sees and can override.

Long texts (citizen messages of a few hundred characters) cost per character, so the LSA sample
and the keyword sample are bounded by stored n-grams and by characters as well as by items; short
reviews stay inside both bounds, so their clusters and keywords are unchanged. Native thread pools
are held at one thread: on a shared 2-core machine spinning BLAS/OpenMP workers doubled the CPU
time of a run (docs/benchmarks/classify.md, "Discover on long texts").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.naive_bayes import ComplementNB
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from cxdash.errors import InvalidInput
from cxdash.storage import Store
from cxdash.storage.clusters import (
    items_by_id,
    items_to_cluster,
    member_ids,
    name_cluster,
    replace_cluster,
    save_run,
)
from cxdash.storage.labels import set_person_label
from cxdash.storage.taxonomy import current_version, load_taxonomy, save_taxonomy
from cxdash.taxonomy import add_category
from cxdash.text import (
    analysis_text,
    distinctive_words,
    fit_transform,
    word_counts,
    word_sets,
)

LSA_DIMS = 100
LSA_SAMPLE = 3_000
LSA_NNZ = 300_000
REFINE_ROUNDS = 10
MIN_DF = 2
NB_ALPHA = 0.3
KEYWORD_SAMPLE = 300
KEYWORD_CHARS = 300_000
KEYWORD_MIN = 20
MIN_ITEMS = 20
SILHOUETTE_SAMPLE = 2_000
K_CHOICES = (4, 6, 8, 10, 12, 15, 20, 25, 30)
DOMINANT_SHARE = 0.5


@dataclass(frozen=True)
class Clustering:
    """One discovery run: a cluster number and centrality per item, keywords and the k curve."""

    labels: np.ndarray
    centrality: np.ndarray
    keywords: tuple[tuple[str, ...], ...]
    k_curve: tuple[tuple[int, float], ...]
    k: int


def embed(
    texts: Sequence[str], concepts: Sequence[tuple[str, Sequence[str]]] = (), seed: int = 0
) -> np.ndarray:
    """Return unit-length LSA vectors of the texts (char n-grams plus the concept block)."""
    return _lsa(fit_transform(texts, concepts, words=False)[1], seed)


def _lsa(matrix: sp.csr_matrix, seed: int) -> np.ndarray:
    """Return unit-length LSA vectors, the SVD fitted on a fixed sample's non-empty columns.

    The sample holds at most LSA_SAMPLE rows and, for long texts, about LSA_NNZ stored n-grams
    (never under 2 × LSA_DIMS rows), which bounds the cost of the randomized SVD (Halko et al.
    2011).
    """
    rng = np.random.default_rng(seed)
    per_row = matrix.nnz / max(matrix.shape[0], 1)
    budget = max(LSA_DIMS * 2, int(LSA_NNZ / max(per_row, 1.0)))
    size = min(matrix.shape[0], LSA_SAMPLE, budget)
    sample = matrix[np.sort(rng.choice(matrix.shape[0], size, replace=False))]
    used = np.unique(sample.indices)
    dims = max(2, min(LSA_DIMS, size - 1, len(used) - 1))
    svd = TruncatedSVD(n_components=dims, random_state=seed).fit(sample[:, used])
    return normalize(matrix[:, used] @ svd.components_.T)


def _shared_columns(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Return the matrix without the columns only one text holds (they cannot link two texts)."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    return sp.csr_matrix(matrix[:, np.flatnonzero(df >= MIN_DF)])


def refine(matrix: sp.csr_matrix, labels: np.ndarray, rounds: int = REFINE_ROUNDS) -> np.ndarray:
    """Return cluster numbers after hard-EM rounds of Complement NB on the n-gram rows.

    Each round fits the model to the current partition and reassigns every row to its most
    probable cluster (Nigam et al. 2000); it stops when nothing moves, or before a round that
    would empty a cluster, so the user's k is kept.
    """
    current = labels
    for _ in range(rounds):
        if len(np.unique(current)) < 2:
            break
        model = ComplementNB(alpha=NB_ALPHA).fit(matrix, current)
        moved = model.classes_[model.predict_proba(matrix).argmax(axis=1)]
        if np.array_equal(moved, current) or len(np.unique(moved)) < len(np.unique(current)):
            break
        current = moved
    return np.unique(current, return_inverse=True)[1]


def _kmeans(vectors: np.ndarray, k: int, seed: int) -> MiniBatchKMeans:
    batch = min(len(vectors), 4096)
    model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=batch)
    return model.fit(vectors)


def k_curve(vectors: np.ndarray, seed: int = 0) -> list[tuple[int, float]]:
    """Return the mean silhouette for each candidate k that fits the number of items.

    Both the clustering and the silhouette run on one fixed sample of SILHOUETTE_SAMPLE items,
    the subsampling that scikit-learn's `silhouette_score(..., sample_size=...)` offers, so the
    curve costs the same for 5,000 or 50,000 items.
    """
    rng = np.random.default_rng(seed)
    size = min(len(vectors), SILHOUETTE_SAMPLE)
    sample = vectors[np.sort(rng.choice(len(vectors), size, replace=False))]
    curve = []
    for k in (k for k in K_CHOICES if k < len(sample) // 5):
        found = _kmeans(sample, k, seed).labels_
        if len(set(found)) > 1:
            curve.append((k, float(silhouette_score(sample, found, random_state=seed))))
    return curve


def suggest_k(curve: Sequence[tuple[int, float]]) -> int:
    """Return the k with the highest silhouette (the smallest k on ties)."""
    if not curve:
        return 2
    return min(curve, key=lambda kv: (-round(kv[1], 4), kv[0]))[0]


def suggested_at_largest(curve: Sequence[Sequence[float]], k: int) -> bool:
    """Return whether k is the largest k of the curve while the curve still rises there.

    Then the silhouette has not peaked yet, and a user may well want more (or, for a first
    overview, fewer) clusters than suggested.
    """
    points = sorted((int(c), float(s)) for c, s in curve)
    return len(points) >= 2 and points[-1][0] == k and points[-1][1] > points[-2][1]


def dominant_cluster(sizes: pd.Series) -> tuple[int, float] | None:
    """Return (cluster number, share of items) of a cluster holding over DOMINANT_SHARE, or None.

    The mean silhouette can favour a few broad groups, one of them a catch-all that is hard to
    name or act on; the page then says so and points to a finer k or a split.
    """
    if sizes.empty or sizes.sum() <= 0:
        return None
    share = sizes / sizes.sum()
    if share.max() <= DOMINANT_SHARE:
        return None
    return int(share.idxmax()), float(share.max())


def next_peak(curve: Sequence[Sequence[float]], k: int) -> int | None:
    """Return the k above `k` with the highest silhouette on the curve, or None."""
    above = [(int(c), float(s)) for c, s in curve if int(c) > k]
    return max(above, key=lambda kv: (kv[1], -kv[0]))[0] if above else None


def discover(
    texts: Sequence[str],
    k: int | None = None,
    concepts: Sequence[tuple[str, Sequence[str]]] = (),
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Clustering:
    """Return clusters of the texts (k suggested from the silhouette curve unless given).

    `progress` hears each stage as it starts: "features", "k_curve", "clusters", "keywords".
    """
    report = progress or (lambda stage: None)
    if len(texts) < MIN_ITEMS:
        raise InvalidInput("classify.too_few_to_cluster", minimum=MIN_ITEMS)
    with threadpool_limits(limits=1):
        report("features")
        matrix = _shared_columns(fit_transform(texts, concepts, words=False)[1])
        vectors = _lsa(matrix, seed)
        report("k_curve")
        curve = k_curve(vectors, seed)
        chosen = int(k) if k else suggest_k(curve)
        if not 2 <= chosen <= len(texts) // 2:
            raise InvalidInput("classify.bad_k", k=chosen)
        report("clusters")
        labels = refine(matrix, _kmeans(vectors, chosen, seed).predict(vectors))
        centres = normalize(
            np.vstack([vectors[labels == c].mean(axis=0) for c in range(labels.max() + 1)])
        )
        centrality = np.einsum("ij,ij->i", vectors, centres[labels])
    report("keywords")
    keywords = cluster_keywords(texts, labels, seed=seed)
    return Clustering(labels, centrality, keywords, tuple(curve), chosen)


def cluster_keywords(
    texts: Sequence[str], labels: np.ndarray, n: int = 8, seed: int = 0
) -> tuple[tuple[str, ...], ...]:
    """Return each cluster's most distinctive readable words (jieba for Chinese).

    Words are counted on a fixed sample of at most KEYWORD_SAMPLE items per cluster, which keeps
    50,000 items fast and changes only the order of near-equal words. Long texts are cut by
    characters too: the clusters share KEYWORD_CHARS characters (each keeps at least KEYWORD_MIN
    items), since jieba's time grows with the characters it reads.
    """
    series = pd.Series(list(texts))
    lengths = series.astype(str).str.len().to_numpy()
    clusters = int(labels.max()) + 1 if len(labels) else 0
    share = KEYWORD_CHARS / max(clusters, 1)
    rng = np.random.default_rng(seed)
    picked = []
    for c in range(clusters):
        order = rng.permutation(np.flatnonzero(labels == c))[:KEYWORD_SAMPLE]
        fits = int(np.searchsorted(np.cumsum(lengths[order]), share, side="right"))
        picked.append(np.sort(order[: max(KEYWORD_MIN, fits)]))
    groups = [word_sets(series.iloc[p].tolist()) for p in picked]
    background = word_counts(found for g in groups for found in g)
    documents = sum(len(g) for g in groups)
    return tuple(tuple(distinctive_words(g, background, documents, n)) for g in groups)


def split_cluster(texts: Sequence[str], parts: int = 2, seed: int = 0) -> Clustering:
    """Return the texts of one cluster divided into parts sub-clusters."""
    return discover(texts, k=parts, seed=seed)


def cluster_profile(members: pd.DataFrame) -> pd.DataFrame:
    """Return per cluster: size, sentiment mix (negative, neutral, positive shares) and trend.

    Items not scored yet (no classification run) count as "unscored", never as neutral.
    """
    mix = pd.crosstab(
        members["cluster_no"], members["sentiment"].fillna("unscored"), normalize="index"
    )
    mix = mix.reindex(columns=["negative", "neutral", "positive", "unscored"], fill_value=0.0)
    month = pd.to_datetime(members["received_at"]).dt.to_period("M").astype(str)
    trend = members.assign(month=month).groupby(["cluster_no", "month"]).size().rename("items")
    sizes = members.groupby("cluster_no").size().rename("size")
    spark = (
        trend.groupby(level=0).apply(lambda s: s.droplevel(0).sort_index().tolist()).rename("trend")
    )
    return pd.concat([sizes, mix, spark], axis=1).reset_index()


def cluster_items(
    store: Store,
    filters: dict[str, str],
    k: int | None,
    limit: int = 50_000,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[int], Clustering]:
    """Return the ids of the filtered items and their clusters (taxonomy cue words as concepts)."""
    items = items_to_cluster(store, filters, limit)
    tax = load_taxonomy(store)
    concepts = [(str(r.key), str(r.keywords).split("|")) for r in tax.itertuples() if r.keywords]
    result = discover(analysis_text(items).tolist(), k, concepts, seed, progress)
    return items["feedback_id"].astype(int).tolist(), result


def save_discovery(
    store: Store,
    filters: dict[str, str],
    k: int | None,
    found: tuple[list[int], Clustering],
    limit: int = 50_000,
    seed: int = 0,
) -> int:
    """Save the clusters of cluster_items as a new run; return its id."""
    settings = {"filters": filters, "k": k, "limit": limit, "seed": seed}
    return save_run(store, settings, found[0], found[1])


def run_discovery(
    store: Store,
    filters: dict[str, str],
    k: int | None,
    limit: int = 50_000,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Cluster the filtered items with the taxonomy's cue words, save the run; return its id."""
    found = cluster_items(store, filters, k, limit, seed, progress)
    return save_discovery(store, filters, k, found, limit, seed)


def map_cluster(
    store: Store, run_id: int, cluster_no: int, name: str, category: str | None
) -> tuple[str, int]:
    """Name a cluster and label its members with a category (made from the name when None)."""
    tax, version = load_taxonomy(store), current_version(store)
    if category is None:
        tax = add_category(tax, name, name)
        category = str(tax["key"].iloc[-1])
        version = save_taxonomy(store, tax, "add", category)
    name_cluster(store, run_id, cluster_no, name, category)
    ids = member_ids(store, run_id, cluster_no)
    set_person_label(store, ids, "category", category, origin="cluster", version=version)
    return category, len(ids)


def split_in_store(store: Store, run_id: int, cluster_no: int, seed: int = 0) -> None:
    """Split one cluster of a saved run into two sub-clusters."""
    ids = member_ids(store, run_id, cluster_no)
    texts = items_by_id(store, ids)
    parts = split_cluster(analysis_text(texts).tolist(), 2, seed)
    frame = pd.DataFrame(
        {"feedback_id": texts["feedback_id"], "part": parts.labels, "centrality": parts.centrality}
    )
    replace_cluster(store, run_id, cluster_no, frame, [" ".join(w) for w in parts.keywords])
