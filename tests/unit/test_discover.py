"""Clustering: reproducible, finds planted groups, suggests k and gives readable keywords."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from cxdash.discover import (
    cluster_keywords,
    cluster_profile,
    discover,
    dominant_cluster,
    next_peak,
    suggest_k,
    suggested_at_largest,
)
from cxdash.errors import InvalidInput

GROUPS = {
    "billing": ["这个月话费多扣了{}元", "账单又多扣了{}块钱", "套餐扣费不对，多扣{}元"],
    "network": ["家里宽带断网{}次了", "宽带又断网了，第{}次", "晚上宽带一直断网{}小时"],
    "app": ["App登录不上，验证码{}分钟都没到", "登录App收不到验证码{}次", "App验证码{}次都没收到"],
}


def _texts() -> tuple[list[str], list[int]]:
    texts, truth = [], []
    for g, templates in enumerate(GROUPS.values()):
        for i in range(30):
            texts.append(templates[i % 3].format(i + 2))
            truth.append(g)
    return texts, truth


def test_same_input_gives_the_same_clusters():
    texts, _ = _texts()
    first, second = discover(texts, k=3, seed=0), discover(texts, k=3, seed=0)
    assert np.array_equal(first.labels, second.labels)
    assert first.keywords == second.keywords


def test_planted_groups_are_found():
    texts, truth = _texts()
    assert adjusted_rand_score(truth, discover(texts, k=3).labels) > 0.9


def test_k_is_suggested_from_the_curve_when_not_given():
    texts, _ = _texts()
    found = discover(texts)
    assert found.k_curve and found.k == suggest_k(found.k_curve)
    assert suggest_k([(4, 0.2), (6, 0.35), (8, 0.35)]) == 6


def test_keywords_are_readable_words():
    texts, truth = _texts()
    keywords = cluster_keywords(texts, np.array(truth))
    assert "断网" in keywords[1]
    assert "验证码" in keywords[2]


def test_a_word_common_to_every_cluster_is_not_a_keyword():
    # Citizen messages open with the same greeting whatever they are about.
    texts, truth = _texts()
    greeted = [f"尊敬的领导您好，{text}，谢谢领导" for text in texts]
    keywords = cluster_keywords(greeted, np.array(truth), n=3)
    assert all("领导" not in words and "尊敬" not in words for words in keywords)
    assert "断网" in keywords[1]


def test_profile_does_not_count_unscored_items_as_neutral():
    members = pd.DataFrame(
        {
            "cluster_no": [0, 0, 1, 1],
            "received_at": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-01-09", "2024-01-10"]),
            "sentiment": [None, None, "negative", "neutral"],
        }
    )
    profile = cluster_profile(members).set_index("cluster_no")
    assert profile.at[0, "unscored"] == 1.0
    assert profile.at[0, "neutral"] == 0.0
    assert profile.at[1, "negative"] == 0.5 and profile.at[1, "unscored"] == 0.0


def test_a_suggestion_at_the_largest_k_of_a_rising_curve_is_flagged():
    rising = [(4, 0.03), (15, 0.05), (30, 0.07)]
    assert suggested_at_largest(rising, 30)
    assert not suggested_at_largest(rising, 15)
    assert not suggested_at_largest([(4, 0.2), (6, 0.35), (8, 0.30)], 6)
    assert not suggested_at_largest([(4, 0.2)], 4)


def test_too_few_items_is_a_clear_error():
    with pytest.raises(InvalidInput) as err:
        discover(["一条"] * 5)
    assert err.value.key == "classify.too_few_to_cluster"


def test_refinement_repairs_a_wrong_start_and_keeps_every_cluster():
    from cxdash.discover import refine
    from cxdash.text import fit_transform

    texts, truth = _texts()
    _, matrix = fit_transform(texts)
    # A start that has every fifth item of each planted group in the wrong cluster.
    start = np.array([(g + (i % 5 == 0)) % 3 for i, g in enumerate(truth)])
    found = refine(matrix, start)
    assert adjusted_rand_score(truth, found) > adjusted_rand_score(truth, start)
    assert adjusted_rand_score(truth, found) == pytest.approx(1.0)
    assert sorted(set(found)) == [0, 1, 2]


def test_refinement_stops_before_a_cluster_would_empty():
    from cxdash.discover import refine
    from cxdash.text import fit_transform

    texts, truth = _texts()
    _, matrix = fit_transform(texts)
    # Cluster 3 holds two billing items only: EM would move them back and leave it empty.
    start = np.array(truth)
    start[:2] = 3
    assert len(set(refine(matrix, start))) == 4


FILLER = (
    "尊敬的领导您好，我是本市的一名普通市民，",
    "这个情况已经持续了好几个月，多次打电话反映都没有结果，",
    "周围的邻居也都很有意见，大家的正常生活受到了很大影响，",
    "希望有关部门能够高度重视，尽快派人来现场调查处理，",
    "并给我们一个明确的答复，谢谢领导在百忙之中阅读这封留言！",
)


def _long_texts(per_group: int = 100) -> tuple[list[str], list[int]]:
    """Planted groups inside citizen-message-length texts (about 300 characters each)."""
    texts, truth = [], []
    for g, templates in enumerate(GROUPS.values()):
        for i in range(per_group):
            opening = "".join(FILLER[(i + j) % 5] for j in range(3))
            closing = "".join(FILLER[(i + j) % 5] for j in range(3, 7))
            texts.append(opening + templates[i % 3].format(i + 2) + closing * 2)
            truth.append(g)
    return texts, truth


def test_long_texts_with_bounded_samples_still_find_the_groups_and_repeat(monkeypatch):
    import cxdash.discover as module

    texts, truth = _long_texts()
    assert min(len(t) for t in texts) > 250
    # Bounds low enough that the LSA sample (200 of 300 rows) and the keyword sample bind.
    monkeypatch.setattr(module, "LSA_NNZ", 20_000)
    monkeypatch.setattr(module, "KEYWORD_CHARS", 6_000)
    first, second = discover(texts, k=3, seed=0), discover(texts, k=3, seed=0)
    assert np.array_equal(first.labels, second.labels)
    assert first.keywords == second.keywords
    assert adjusted_rand_score(truth, first.labels) > 0.9
    network = int(np.bincount(first.labels[100:200]).argmax())
    assert "断网" in first.keywords[network]


def test_short_texts_stay_inside_the_bounds_for_long_texts(monkeypatch):
    import cxdash.discover as module

    texts, _ = _texts()
    bounded = discover(texts, k=3, seed=0)
    monkeypatch.setattr(module, "LSA_NNZ", 10**12)
    monkeypatch.setattr(module, "KEYWORD_CHARS", 10**12)
    unbounded = discover(texts, k=3, seed=0)
    assert np.array_equal(bounded.labels, unbounded.labels)
    assert bounded.keywords == unbounded.keywords


def test_progress_hears_each_stage_in_order():
    texts, _ = _texts()
    stages: list[str] = []
    discover(texts, progress=stages.append)
    assert stages == ["features", "k_curve", "clusters", "keywords"]


def test_a_cluster_holding_over_half_the_items_is_named_with_its_share():
    assert dominant_cluster(pd.Series({0: 55, 1: 25, 2: 20})) == (0, 0.55)
    assert dominant_cluster(pd.Series({0: 50, 1: 50})) is None
    assert dominant_cluster(pd.Series({3: 2, 7: 9})) == (7, 9 / 11)
    assert dominant_cluster(pd.Series(dtype=int)) is None


def test_the_next_peak_is_the_best_k_above_the_suggested_one():
    curve = [(4, 0.083), (6, 0.047), (20, 0.068), (25, 0.069), (30, 0.068)]
    assert next_peak(curve, 4) == 25
    assert next_peak(curve, 25) == 30
    assert next_peak(curve, 30) is None
    assert next_peak([(4, 0.1), (6, 0.2), (8, 0.2)], 4) == 6
