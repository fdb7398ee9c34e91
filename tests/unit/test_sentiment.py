"""Sentiment from ratings and from text (lexicon with negation, model from rated items)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxdash.sentiment import (
    label_scores,
    lexicon_score,
    rating_sentiment,
    score_items,
    train_sentiment,
)
from cxdash.text import fit_transform


def test_ratings_map_on_a_five_point_scale_and_rescale_others():
    rating = pd.Series([1, 2, 3, 4, 5, np.nan, 10, 0])
    top = pd.Series([5, 5, 5, 5, 5, 5, 10, 10])
    found = rating_sentiment(rating, top)
    expected = ["negative", "negative", "neutral", "positive", "positive", None, "positive"]
    assert found["sentiment"].tolist()[:5] == expected[:5]
    assert pd.isna(found["sentiment"].iloc[5])
    assert found["sentiment"].iloc[6] == "positive"
    assert found["sentiment"].iloc[7] == "negative"


def test_lexicon_reads_both_languages_and_negation():
    assert lexicon_score("服务很好，非常满意") > 0
    assert lexicon_score("太差了，再也不来了") < 0
    assert lexicon_score("不太好") < 0
    assert lexicon_score("送餐不慢") > 0
    assert lexicon_score("The staff were friendly and helpful") > 0
    assert lexicon_score("Terrible service, the line was down again") < 0
    assert lexicon_score("今天星期二") == 0


def test_scores_band_into_three_labels():
    assert label_scores(np.array([-0.5, 0.0, 0.5])).tolist() == ["negative", "neutral", "positive"]


def test_rating_wins_over_text_and_origin_says_so():
    items = pd.DataFrame(
        {"text": ["服务很好", "服务很好"], "rating": [1.0, np.nan], "rating_max": [5.0, np.nan]}
    )
    found = score_items(items)
    assert found["sentiment"].tolist() == ["negative", "positive"]
    assert found["origin"].tolist() == ["rating", "model"]


def test_model_learned_from_rated_items_reads_new_words():
    texts = ["菜品鲜嫩可口"] * 60 + ["菜品发硬难咽"] * 60
    features, rows = fit_transform(texts)
    model = train_sentiment(features, rows, [True] * 60 + [False] * 60)
    assert model is not None
    polarity = model.polarity_rows(features.transform(["鲜嫩", "难咽"]))
    assert polarity[0] > 0 > polarity[1]
