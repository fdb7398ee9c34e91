"""TOP key points (step 4): touchpoint x category cells ranked by open ingredients.

Ranking follows GUIDE section 4: volume share, negativity, trend and the impact of the theme on
the satisfaction score (Thematic's method: the score with all responses minus the score
without the responses that mention the theme). Each ingredient gets its own rank; the key-point
rank orders cells by the mean of those ranks, so every step is visible.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from cxdash.storage import Store
from cxdash.storage import journey_data as data

# Cells backed by fewer items than this are marked as probable false touchpoints: a category
# seen a handful of times at a touchpoint is more likely a mislabel than a real pain point.
MIN_EVIDENCE = 10
FORMULA_PREFIXES = ("=", "+", "-", "@")
INGREDIENTS = ("volume_share", "negative_share", "trend", "impact_mean")


def impact_on_score(total_sum: float, total_n: float, theme_sum: float, theme_n: float) -> float:
    """Return score(all) - score(without the theme): a mean, or a share when sums are counts.

    Thematic's impact: negative when the theme's responses pull the score down. NaN when the
    theme covers every rated response or there is none.
    """
    if total_n <= 0 or theme_n >= total_n:
        return float("nan")
    return total_sum / total_n - (total_sum - theme_sum) / (total_n - theme_n)


def _with_ingredients(cells: pd.DataFrame, totals: dict[str, float]) -> pd.DataFrame:
    out = cells.copy()
    out["volume_share"] = out["volume"] / max(float(out["volume"].sum()), 1.0)
    out["negative_share"] = out["negative"] / out["judged"].where(out["judged"] > 0)
    out["trend"] = (out["recent"] - out["earlier"]) / out["earlier"].clip(lower=1)
    out["impact_mean"] = [
        impact_on_score(totals["rating_sum"], totals["rated"], s, n)
        for s, n in zip(out["rating_sum"], out["rated"], strict=True)
    ]
    out["impact_csat"] = [
        100 * impact_on_score(totals["top2"], totals["rated"], t2, n)
        for t2, n in zip(out["top2"], out["rated"], strict=True)
    ]
    out["probable_false"] = out["volume"] < MIN_EVIDENCE
    return out


def rank_key_points(cells: pd.DataFrame, totals: dict[str, float]) -> pd.DataFrame:
    """Return the cells with their ingredients, one rank per ingredient and the overall rank.

    Higher volume share, negative share and trend rank first; the impact ranks first when it
    is most negative. Probable false touchpoints go last.
    """
    if cells.empty:
        return cells.assign(rank=pd.Series(dtype=int))
    out = _with_ingredients(cells, totals)
    for name in INGREDIENTS:
        ascending = name == "impact_mean"
        out[f"rank_{name}"] = out[name].rank(ascending=ascending, method="min", na_option="bottom")
    out["rank_mean"] = out[[f"rank_{n}" for n in INGREDIENTS]].mean(axis=1)
    out = out.sort_values(
        ["probable_false", "rank_mean", "volume", "touchpoint", "category"],
        ascending=[True, True, False, True, True],
    )
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def top_key_points(store: Store, cycle_id: int, n: int = 10) -> pd.DataFrame:
    """Return the cycle's TOP-n key points with every ranking ingredient."""
    rolled = data.rollup(store, cycle_id)
    ranked = rank_key_points(data.key_point_cells(rolled), data.score_totals(rolled))
    return ranked.head(max(0, int(n))).reset_index(drop=True)


def cluster_texts(texts: pd.Series, k: int = 5, seed: int = 0) -> pd.DataFrame:
    """Return k sub-themes of one touchpoint's texts: size, top terms and a representative text.

    Character 1-2-grams with TF-IDF (GUIDE section 5: best NMI on Chinese reviews without a
    model download) and k-means with a fixed seed, so the same texts give the same clusters.
    """
    clean = texts.dropna().astype(str)
    k = min(k, len(clean))
    if k < 2:
        return pd.DataFrame(columns=["cluster", "size", "terms", "example"])
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=2, max_features=20000)
    matrix = vectorizer.fit_transform(clean)
    model = KMeans(n_clusters=k, random_state=seed, n_init=4).fit(matrix)
    vocab = np.array(vectorizer.get_feature_names_out())
    rows = []
    for c in range(k):
        members = np.flatnonzero(model.labels_ == c)
        centre = model.cluster_centers_[c]
        terms = [t for t in vocab[np.argsort(centre)[::-1]] if len(t.strip()) > 1][:6]
        scores = matrix[members] @ centre
        example = clean.iloc[members[int(np.argmax(scores))]] if members.size else ""
        rows.append(
            {
                "cluster": c,
                "size": int(members.size),
                "terms": " · ".join(terms),
                "example": example,
            }
        )
    return pd.DataFrame(rows).sort_values("size", ascending=False).reset_index(drop=True)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells that start like a spreadsheet formula are quoted."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v
            )
    return out


def export_csv(frame: pd.DataFrame) -> bytes:
    """Return the frame as UTF-8 CSV (with BOM for spreadsheet apps), formulas neutralised."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def export_xlsx(frame: pd.DataFrame) -> bytes:
    """Return the frame as an XLSX workbook, formulas neutralised."""
    buffer = io.BytesIO()
    neutralise(frame).to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()
