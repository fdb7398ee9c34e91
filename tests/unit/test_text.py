"""Text features: character n-grams for every text, whole words for Latin script only."""

from __future__ import annotations

import numpy as np

from cxdash.text import WORD_MARK, fit_transform, grams, train_on_rows


def test_grams_hold_chars_pairs_and_latin_words_only():
    found = grams("网速 Slow again")
    assert {"网", "网速", "s", "sl"} <= set(found)
    assert {WORD_MARK + "slow", WORD_MARK + "again"} <= set(found)
    assert not any(g.startswith(WORD_MARK) for g in grams("宽带断网三天了"))


def test_many_labels_a_class_train_without_self_training():
    texts = [f"账单多扣了{i}元" for i in range(100)] + [f"宽带断网{i}天" for i in range(100)]
    labels = ["billing"] * 100 + ["network"] * 100
    pool = ["账单多扣" if i % 2 else "宽带断网了" for i in range(50)]
    features, rows = fit_transform([*texts, *pool])
    with_pool = train_on_rows(features, rows[:200], labels, rows[200:])
    without = train_on_rows(features, rows[:200], labels)
    assert with_pool is not None and without is not None
    assert np.allclose(with_pool.estimator.coef_, without.estimator.coef_)
