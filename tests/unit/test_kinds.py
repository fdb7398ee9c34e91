"""Kind cue phrases in Chinese and English."""

from __future__ import annotations

import pytest

from cxdash.kinds import cue_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("希望营业厅周末也能开门", "need"),
        ("建议在App里加个夜间模式", "need"),
        ("能不能把账单写清楚一点", "need"),
        ("要是能在线销户就好了", "need"),
        ("Please add a dark mode to the app", "need"),
        ("It would be nice to pay bills by WeChat", "need"),
        ("宽带又断网了，一直连不上", "problem"),
        ("I was charged twice on my bill", "problem"),
        ("感谢装机师傅，非常耐心", "praise"),
        ("Thank you, the technician was very helpful", "praise"),
        ("请问宽带到期以后怎么续费？", "other"),
        ("How do I check my data balance?", "other"),
    ],
)
def test_cue_phrases_give_the_kind(text, kind):
    assert cue_kind(text)[0] == kind


def test_negative_sentiment_without_cues_reads_as_problem():
    assert cue_kind("唉", sentiment=-0.6)[0] == "problem"
