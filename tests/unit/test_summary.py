"""The survey summary: shares and means from counts, and wording that only describes."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from cxdash.i18n import catalog
from cxdash.summary import describe, summarize

COUNTS = pd.DataFrame(
    {
        "value": ["north", "west"],
        "items": [300, 100],
        "rated": [200, 0],
        "rating_sum": [500.0, 0.0],
        "problem": [60, 50],
        "need": [30, 0],
        "praise": [0, 0],
        "other": [0, 0],
        "unlabelled": [210, 50],
    }
)


def test_shares_and_means_come_from_the_counts():
    north, west = summarize(COUNTS)
    assert (north.share_pct, west.share_pct) == (75.0, 25.0)
    assert north.mean_rating == 2.5 and west.mean_rating is None
    assert north.type_shares == {
        "problem": 20.0,
        "need": 10.0,
        "praise": 0.0,
        "other": 0.0,
        "unlabelled": 70.0,
    }


def test_a_survey_frame_without_type_columns_works():
    survey = pd.DataFrame(
        {"value": ["A", "B"], "items": [40, 60], "rated": [40, 60], "rating_sum": [160.0, 180.0]}
    )
    rows = summarize(survey)
    assert [r.mean_rating for r in rows] == [4.0, 3.0]
    assert rows[0].type_shares == {}


def test_missing_columns_are_reported():
    with pytest.raises(ValueError, match="rating_sum"):
        summarize(COUNTS.drop(columns=["rating_sum"]))


def test_the_description_states_numbers_only():
    lines = describe(summarize(COUNTS), "region", "en")
    assert lines[0] == "The period holds 400 feedback items in 2 groups by region."
    assert lines[1] == (
        "north: 300 items, 75.0% of the total; mean rating 2.50 on a 5-point scale (200 rated);"
        " by type: problem 20.0%, need 10.0%, unlabelled 70.0%"
    )
    assert describe([], "region", "zh") == ["所选时间段内没有反馈。"]


JUDGEMENTS = {
    "en": r"\b(good|bad|poor|excellent|better|worse|fail\w*|terrible|great|should)\b",
    "zh": r"(好|差|糟|优秀|失败|应该|必须)",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_templates_carry_no_judgement(lang):
    texts = [v[lang] for k, v in catalog().items() if k.startswith("summary.")]
    assert texts
    assert [t for t in texts if re.search(JUDGEMENTS[lang], t, re.IGNORECASE)] == []
