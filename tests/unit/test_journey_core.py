"""Journey maps bound to data: evidence levels, computed emotion, the grid and data drafts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.journey import (
    EMOTION_ROW,
    card_evidence,
    computed_emotion,
    draft_from_event,
    draft_from_problems,
    emotion_curve,
    evidence_level,
    from_grid,
    graph_layout,
    to_grid,
    trend_label,
)

TOUCHPOINTS = pd.DataFrame(
    {
        "key": ["shopping", "installation", "billing", "hotline"],
        "name_zh": ["选购下单", "上门安装", "账单与缴费", "客服热线"],
        "name_en": ["Shopping and ordering", "Installation visit", "Bill and payment", "Hotline"],
        "stage": ["buy", "install", "pay", "support"],
        "sort_order": [10, 20, 50, 60],
    }
)
CELLS = pd.DataFrame(
    {
        "touchpoint": ["installation", "installation", "billing"],
        "category": ["install_delay", "price", "billing_error"],
        "volume": [40, 3, 12],
        "negative": [20, 1, 4],
    }
)


@pytest.mark.parametrize(
    ("items", "level"),
    [(0, "none"), (4, "none"), (5, "partial"), (29, "partial"), (30, "strong"), (900, "strong")],
)
def test_evidence_level_thresholds(items, level):
    assert evidence_level(items) == level


def _cards(rows):
    frame = pd.DataFrame(
        rows, columns=["id", "stage_key", "lane", "text", "touchpoint", "category"]
    )
    return frame.assign(position=range(len(frame)), version=1)


def test_card_evidence_counts_the_feedback_behind_each_card():
    cards = _cards(
        [
            (1, "install", "touchpoint", "上门安装", None, None),  # matched by its Chinese name
            (2, "install", "pain_point", "Delays", None, "install_delay"),
            (3, "install", "expectation", "On time", None, None),
            (4, "pay", "pain_point", "Overcharged", "billing", "billing_error"),
            (5, "buy", "scenario", "Moving home", None, None),
        ]
    )
    found = card_evidence(cards, TOUCHPOINTS, CELLS).set_index("id")
    # touchpoint card: all installation items 40 + 3; pain point: negatives of its category
    assert found.loc[1, "evidence_items"] == 43
    assert found.loc[2, "evidence_items"] == 20
    assert found.loc[3, "evidence_items"] == 43
    assert found.loc[4, "evidence_items"] == 4
    assert found.loc[5, "evidence_items"] == 0
    assert list(found["evidence"]) == ["strong", "partial", "strong", "none", "none"]


def test_computed_emotion_is_the_weighted_sentiment_on_the_emotion_scale():
    summary = pd.DataFrame(
        {"touchpoint": ["a", "b", "c"], "sentiment_mean": [-0.5, 0.5, 0.9], "rated": [30, 10, 0]}
    )
    # (-0.5*30 + 0.5*10) / 40 = -0.25, times 2 = -0.5; c has no ratings and is left out
    assert computed_emotion(summary, ["a", "b", "c"]) == -0.5
    assert computed_emotion(summary, ["c"]) is None
    assert computed_emotion(summary, []) is None


def test_emotion_curve_puts_hand_and_computed_side_by_side():
    stages = pd.DataFrame({"key": ["install", "pay"], "label": ["I", "P"], "emotion": [1.0, None]})
    cards = _cards([(1, "install", "touchpoint", "x", "installation", None)])
    summary = pd.DataFrame(
        {"touchpoint": ["installation"], "sentiment_mean": [-0.75], "rated": [8]}
    )
    curve = emotion_curve(stages, cards, TOUCHPOINTS, summary)
    assert curve["hand"][0] == 1.0 and math.isnan(curve["hand"][1])
    assert curve["computed"][0] == -1.5 and math.isnan(curve["computed"][1])


def test_grid_round_trip_and_bad_emotion():
    stages = pd.DataFrame({"key": ["a", "b"], "label": ["A", "B"], "emotion": [2.0, None]})
    cards = _cards(
        [(1, "a", "expectation", "Fast", None, None), (2, "a", "expectation", "Cheap", None, None)]
    )
    grid = to_grid(stages, cards)
    assert grid.loc["expectation", "a"] == "Fast\nCheap"
    grid.loc["pain_point", "b"] = "Late\n\n Rude "
    cells, emotions = from_grid(grid)
    assert cells[("expectation", "a")] == ["Fast", "Cheap"]
    assert cells[("pain_point", "b")] == ["Late", " Rude "]
    assert emotions == {"a": 2.0, "b": None}
    grid.loc[EMOTION_ROW, "b"] = "3"
    with pytest.raises(InvalidInput) as err:
        from_grid(grid)
    assert err.value.key == "journey.bad_emotion"


def test_draft_from_event_follows_reporters_in_time_order():
    paths = pd.DataFrame(
        {
            "touchpoint": ["hotline", "shopping", "billing", "installation"],
            "customers": [30, 40, 50, 1],
            "mean_step": [2.6, 1.1, 1.9, 1.5],
            "complained": [0, 0, 50, 0],
        }
    )
    draft = draft_from_event(paths, TOUCHPOINTS, {"pay": "Bill"}, "billing_error")
    assert [s[0] for s in draft.stages] == ["buy", "pay", "support"]  # installation: noise
    assert draft.stages[1][1] == "Bill"
    pains = [c for c in draft.cards if c["lane"] == "pain_point"]
    assert [c["touchpoint"] for c in pains] == ["billing"]


def test_draft_from_problems_uses_journey_order_and_refuses_unknown_classes():
    draft = draft_from_problems(CELLS, TOUCHPOINTS, {}, "install_delay")
    assert [s[0] for s in draft.stages] == ["install"]
    with pytest.raises(InvalidInput):
        draft_from_problems(CELLS, TOUCHPOINTS, {}, "nothing_like_it")


def test_trend_compares_the_last_three_months_with_the_three_before():
    months = pd.date_range("2026-01-01", periods=6, freq="MS")
    monthly = pd.DataFrame({"touchpoint": "a", "month": months, "volume": [10, 10, 10, 15, 15, 15]})
    assert trend_label(monthly, "a") == ("rising", 0.5)
    assert trend_label(monthly.head(4), "a") == ("steady", None)


def test_graph_layout_centres_the_first_touchpoint_between_symmetric_columns():
    where = graph_layout(["a", "b", "c", "d"], ["x", "y", "z"])
    assert where[("touchpoint", "a")] == (0.0, 0.0)
    ys = [y for (kind, _), (_, y) in where.items()]
    assert min(ys) == -max(ys)
    xs = [x for x, _ in where.values()]
    assert min(xs) == -max(xs)
