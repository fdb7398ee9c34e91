"""Text features: character n-grams for every text, whole words for Latin script only."""

from __future__ import annotations

import numpy as np

from cxdash.text import (
    NB_WEIGHT,
    SELF_TRAIN_UNTIL,
    WORD_MARK,
    even_spread,
    fit_transform,
    grams,
    pick_shares,
    train_on_rows,
)


def test_grams_hold_chars_pairs_and_latin_words_only():
    found = grams("网速 Slow again")
    assert {"网", "网速", "s", "sl"} <= set(found)
    assert {WORD_MARK + "slow", WORD_MARK + "again"} <= set(found)
    assert not any(g.startswith(WORD_MARK) for g in grams("宽带断网三天了"))


def test_many_labels_a_class_train_without_self_training():
    many = SELF_TRAIN_UNTIL
    texts = [f"账单多扣了{i}元" for i in range(many)] + [f"宽带断网{i}天" for i in range(many)]
    labels = ["billing"] * many + ["network"] * many
    pool = ["账单多扣" if i % 2 else "宽带断网了" for i in range(50)]
    features, rows = fit_transform([*texts, *pool])
    with_pool = train_on_rows(features, rows[: 2 * many], labels, rows[2 * many :])
    without = train_on_rows(features, rows[: 2 * many], labels)
    assert with_pool is not None and without is not None
    assert np.allclose(with_pool.estimator.coef_, without.estimator.coef_)


def test_pick_shares_follow_an_uneven_prior_and_soften_an_even_one():
    classes = ["a", "b", "c"]
    uneven = pick_shares(["a"] * 80 + ["b"] * 15 + ["c"] * 5, classes)
    assert np.allclose(uneven, [0.80, 0.15, 0.05])
    even = pick_shares(["a"] * 36 + ["b"] * 33 + ["c"] * 31, classes)
    assert np.allclose(even, [0.5 * 0.36 + 0.5 / 3, 0.5 * 0.33 + 0.5 / 3, 0.5 * 0.31 + 0.5 / 3])
    assert np.allclose(pick_shares(["a"] * 10, classes), [1.0, 0.0, 0.0])


def test_few_labels_self_train_on_the_pool_and_do_so_reproducibly():
    texts = ["账单多扣钱", "话费扣错了", "宽带断网了", "网络连不上"]
    labels = ["billing", "billing", "network", "network"]
    pool = [f"账单多扣钱话费{i}" for i in range(30)] + [f"宽带断网络{i}" for i in range(30)]
    features, rows = fit_transform([*texts, *pool])
    first = train_on_rows(features, rows[:4], labels, rows[4:])
    again = train_on_rows(features, rows[:4], labels, rows[4:])
    alone = train_on_rows(features, rows[:4], labels)
    assert first is not None and again is not None and alone is not None
    assert np.array_equal(first.estimator.coef_, again.estimator.coef_)
    assert not np.allclose(first.estimator.coef_, alone.estimator.coef_)
    guess = first.predict(["话费账单不对", "宽带断了"])
    assert guess["category"].tolist() == ["billing", "network"]


def test_probabilities_blend_the_logistic_model_with_its_naive_bayes_partner():
    texts = ["账单多扣钱", "话费扣错了", "宽带断网了", "网络连不上", "客服态度差", "客服不理人"]
    labels = ["billing", "billing", "network", "network", "service", "service"]
    pool = [
        f"{text}{i}" for i in range(10) for text in ("账单多扣钱话费", "宽带断网络", "客服态度不理")
    ]
    features, rows = fit_transform([*texts, *pool])
    model = train_on_rows(features, rows[:6], labels, rows[6:])
    again = train_on_rows(features, rows[:6], labels, rows[6:])
    assert model is not None and again is not None and model.partner is not None
    probe = features.transform(["话费账单不对", "宽带断了", "客服太差"])
    logistic = model.estimator.predict_proba(probe)
    bayes = model.partner.predict_proba(probe)
    assert not np.allclose(logistic, bayes)
    blended = model.probabilities(probe)
    assert np.allclose(blended, (1 - NB_WEIGHT) * logistic + NB_WEIGHT * bayes)
    assert np.allclose(blended.sum(axis=1), 1.0)
    assert list(model.partner.classes_) == list(model.estimator.classes_)
    guess = model.predict_rows(probe)
    assert np.allclose(guess["confidence"], blended.max(axis=1))
    assert guess["category"].tolist() == ["billing", "network", "service"]
    assert np.array_equal(again.probabilities(probe), blended)


def test_no_naive_bayes_partner_when_the_guesses_are_uneven():
    texts = ["账单多扣钱", "话费扣错了", "宽带断网了", "网络连不上", "客服态度差", "客服不理人"]
    labels = ["billing", "billing", "network", "network", "service", "service"]
    pool = [f"账单多扣钱话费{i}" for i in range(40)] + ["宽带断网络", "客服态度不理"]
    features, rows = fit_transform([*texts, *pool])
    guesses = train_on_rows(features, rows[:6], labels)
    assert guesses is not None
    assert not even_spread(guesses.predict_rows(rows[6:])["category"].tolist(), sorted(set(labels)))
    model = train_on_rows(features, rows[:6], labels, rows[6:])
    assert model is not None and model.partner is None
    probe = features.transform(["话费账单不对"])
    assert np.array_equal(model.probabilities(probe), model.estimator.predict_proba(probe))
    # with no pool, the labels decide: even labels bring the partner in
    assert guesses.partner is not None
    skewed = ["billing", "billing", "billing", "billing", "network", "service"]
    uneven = train_on_rows(features, rows[:6], skewed)
    assert uneven is not None and uneven.partner is None
