"""TOP key points: impact on the score, the ranking and its ingredients, exports, clustering."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from cxdash.keypoints import (
    cluster_texts,
    export_csv,
    export_xlsx,
    impact_on_score,
    neutralise,
    rank_key_points,
)


def test_impact_on_score_is_score_with_minus_score_without():
    # 10 ratings summing to 35 (mean 3.5); the theme has 4 ratings summing to 8 (mean 2).
    # Without it: 27 / 6 = 4.5, so the theme costs 1.0 point of mean rating.
    assert impact_on_score(35, 10, 8, 4) == pytest.approx(-1.0)
    # CSAT as a share: 6 of 10 top-2; the theme holds 0 of its 4 -> 0.6 - 6/6 = -0.4
    assert impact_on_score(6, 10, 0, 4) == pytest.approx(-0.4)
    assert impact_on_score(6, 10, 0, 0) == 0.0
    assert math.isnan(impact_on_score(6, 10, 6, 10))


def _cells():
    return pd.DataFrame(
        {
            "touchpoint": ["billing", "network", "store", "app"],
            "category": ["billing_error", "speed", "staff", "login"],
            "volume": [100, 60, 30, 4],
            "negative": [60, 15, 3, 3],
            "judged": [80, 50, 30, 4],
            "recent": [80, 30, 15, 3],
            "earlier": [20, 30, 15, 1],
            "rated": [40, 30, 20, 4],
            "rating_sum": [60.0, 90.0, 90.0, 4.0],
            "top2": [2, 10, 16, 0],
        }
    )


def test_ranking_shows_every_ingredient_checked_by_hand():
    totals = {"rated": 100, "rating_sum": 300.0, "top2": 40, "items": 500}
    ranked = rank_key_points(_cells(), totals).set_index("category")
    assert ranked.loc["billing_error", "volume_share"] == pytest.approx(100 / 194)
    assert ranked.loc["billing_error", "negative_share"] == pytest.approx(0.75)
    assert ranked.loc["billing_error", "trend"] == pytest.approx(3.0)
    # mean 3.0 overall; without billing: 240 / 60 = 4.0 -> impact -1.0
    assert ranked.loc["billing_error", "impact_mean"] == pytest.approx(-1.0)
    # CSAT 40%; without billing: 38 / 60 = 63.3% -> -23.3 points
    assert ranked.loc["billing_error", "impact_csat"] == pytest.approx(100 * (0.4 - 38 / 60))
    assert ranked.loc["billing_error", "rank"] == 1
    assert ranked.loc["billing_error", "rank_mean"] == 1.0


def test_cells_with_little_evidence_are_flagged_and_ranked_last():
    totals = {"rated": 100, "rating_sum": 300.0, "top2": 40, "items": 500}
    ranked = rank_key_points(_cells(), totals)
    assert list(ranked["category"])[-1] == "login"
    assert ranked.set_index("category").loc["login", "probable_false"]
    assert list(ranked["rank"]) == [1, 2, 3, 4]


def test_empty_cells_rank_to_an_empty_frame():
    assert rank_key_points(_cells().iloc[0:0], {"rated": 0, "rating_sum": 0, "top2": 0}).empty


def test_exports_neutralise_formulas():
    frame = pd.DataFrame(
        {"text": ["=HYPERLINK(1)", "+1", "-2", "@x", "fine"], "n": [1, 2, 3, 4, 5]}
    )
    assert list(neutralise(frame)["text"]) == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "fine"]
    assert b"'=HYPERLINK" in export_csv(frame)
    book = pd.read_excel(io.BytesIO(export_xlsx(frame)))
    assert book["text"][0] == "'=HYPERLINK(1)"


def test_clustering_is_deterministic_and_separates_clear_themes():
    texts = pd.Series(["宽带网速太慢了"] * 6 + ["账单多扣费了"] * 6 + ["师傅上门迟到"] * 6)
    first = cluster_texts(texts, k=3)
    assert first.equals(cluster_texts(texts, k=3))
    assert sorted(first["size"]) == [6, 6, 6]
    assert cluster_texts(pd.Series(["one"]), k=3).empty
