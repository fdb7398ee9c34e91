"""Sentiment from ratings and from text (lexicon with negation, model from rated items)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxdash.sentiment import (
    label_scores,
    lexicon_score,
    lexicon_scores,
    model_from_ratings,
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


def _workspace() -> pd.DataFrame:
    """Rated food reviews, then unrated hotel reviews whose slang the rated ones never use."""
    rated = ["菜品鲜嫩可口"] * 100 + ["菜品发硬难咽"] * 100
    places = ("房间", "早餐", "前台", "浴室")
    praise = [f"{p}巴适，{w}" for p in places for w in ("很满意", "很好", "太棒了")]
    blame = [f"{p}拉胯，{w}" for p in places for w in ("很失望", "太差了", "很生气")]
    unrated = (praise + blame) * 4
    return pd.DataFrame(
        {
            "text": rated + unrated,
            "rating": [5.0] * 100 + [1.0] * 100 + [np.nan] * len(unrated),
            "rating_max": [5.0] * 200 + [np.nan] * len(unrated),
        }
    )


def test_adapting_on_unrated_text_learns_the_new_domain_words():
    items = _workspace()
    features, rows = fit_transform(items["text"].tolist())
    plain = model_from_ratings(items, features, rows, adapt=False)
    adapted = model_from_ratings(items, features, rows)
    assert plain is not None and adapted is not None
    held_out = features.transform(["床铺巴适", "床铺拉胯"])
    before, after = plain.polarity_rows(held_out), adapted.polarity_rows(held_out)
    assert lexicon_scores(["床铺巴适", "床铺拉胯"]).tolist() == [0.0, 0.0]
    assert after[0] > 0 > after[1]
    assert after[0] - after[1] > before[0] - before[1] + 0.5


def test_adaptation_is_deterministic():
    items = _workspace()
    features, rows = fit_transform(items["text"].tolist())
    first = model_from_ratings(items, features, rows, seed=3)
    second = model_from_ratings(items, features, rows, seed=3)
    assert first is not None and second is not None
    assert np.array_equal(first.estimator.coef_, second.estimator.coef_)
    assert np.array_equal(first.estimator.intercept_, second.estimator.intercept_)


def test_pseudo_labels_never_override_a_rating():
    items = _workspace()
    items.loc[200, ["rating", "rating_max"]] = [1.0, 5.0]
    items.loc[240, ["rating", "rating_max"]] = [10.0, 10.0]
    features, rows = fit_transform(items["text"].tolist())
    found = score_items(items, model_from_ratings(items, features, rows), rows)
    assert found.loc[200, ["sentiment", "origin"]].tolist() == ["negative", "rating"]
    assert found.loc[240, ["sentiment", "origin"]].tolist() == ["positive", "rating"]
    assert (found.loc[:199, "origin"] == "rating").all()
    assert found.loc[:99, "sentiment"].eq("positive").all()
    assert found.loc[100:199, "sentiment"].eq("negative").all()
    assert found.drop(index=[200, 240]).loc[200:, "origin"].eq("model").all()


def test_without_rated_items_the_lexicon_alone_scores():
    items = _workspace().iloc[200:].reset_index(drop=True)
    features, rows = fit_transform(items["text"].tolist())
    assert model_from_ratings(items, features, rows) is None
    found = score_items(items, None, rows)
    assert np.allclose(found["score"], lexicon_scores(items["text"].tolist()))
    assert (found["origin"] == "model").all()
