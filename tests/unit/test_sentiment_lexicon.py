"""The lexicon reading: degree words, contrast, concession, negation scope, absence, whole words.

Expected values are worked out by hand from the weights in cxdash/lexicon/sentiment.toml and
the constants of cxdash/polarity.py (score = sum / (polar mass + 1)).
"""

from __future__ import annotations

import tomllib

import pytest

from cxdash.polarity import _LEXICON, _WEIGHTS, lexicon
from cxdash.sentiment import lexicon_score


def test_degree_words_scale_the_next_polar_word():
    assert lexicon_score("干净") == pytest.approx(1 / 2)
    assert lexicon_score("非常干净") == pytest.approx(1.6 / 2.6)
    assert lexicon_score("有点干净") == pytest.approx(0.7 / 1.7)
    assert lexicon_score("very clean") > lexicon_score("clean") > lexicon_score("slightly clean")


def test_the_clause_after_but_outweighs_the_one_before():
    # 很好 = 1.2 halved before 但是; 有点贵 (a weak complaint, -0.5) raised by half after it.
    assert lexicon_score("质量很好，但是有点贵") == pytest.approx((0.6 - 0.75) / (0.6 + 0.75 + 1))
    assert lexicon_score("有点贵，但是质量很好") > 0
    assert lexicon_score("The room was nice but the staff were rude") < 0
    assert lexicon_score("The staff were rude but the room was nice") > 0


def test_a_summary_word_weighs_like_contrast():
    assert lexicon_score("房间很好，一般般") > 0
    assert lexicon_score("房间很好，总的来说一般般") < 0


def test_a_concessive_clause_counts_less():
    assert lexicon_score("很贵") == pytest.approx(-1.2 / 2.2)
    assert lexicon_score("虽然很贵") == pytest.approx(-0.6 / 1.6)
    assert lexicon_score("虽然很贵，很好用") > 0 > lexicon_score("很贵，好用")


def test_negation_flips_within_its_clause_and_a_negated_complaint_only_half_way():
    assert lexicon_score("服务不热情") < 0
    assert lexicon_score("不是很好") < 0
    assert lexicon_score("不贵") == pytest.approx(0.5 / 1.5)
    assert lexicon_score("贵") == pytest.approx(-0.5)
    assert lexicon_score("the staff were not friendly") < 0
    assert lexicon_score("no, the staff were friendly") > 0


def test_absence_with_nothing_polar_after_it_is_a_faint_complaint():
    assert lexicon_score("没有热水") == pytest.approx(-0.25 / 1.25)
    assert lexicon_score("没有问题") > 0
    assert lexicon_score("没有异味") > 0


def test_latin_entries_match_whole_words_and_neutral_entries_hide_polar_ones():
    assert lexicon_score("download finished") == 0
    assert lexicon_score("I know it is good") > 0
    assert lexicon_score("I don't like the new plan") < 0
    assert lexicon_score("It looks like a good deal") > 0
    assert lexicon_score("差不多") == 0
    assert lexicon_score("好像是这个") == 0
    assert lexicon_score("最近刚买") == 0


def test_lexicon_lists_are_disjoint_and_complete():
    with _LEXICON.open("rb") as handle:
        raw = tomllib.load(handle)
    polar = [w for key in _WEIGHTS for w in raw[key]]
    assert len(polar) == len(set(polar))
    assert set(raw) == {*_WEIGHTS, "negators", "absence", "contrast", "concessive", "degree"}
    assert set(raw["absence"]) <= set(raw["negators"])
    assert all(value > 0 for value in lexicon().degree.values())
    assert all(w == w.lower().strip() and w for w in polar)
