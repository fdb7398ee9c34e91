"""What the models read of an item: its subject line and body together, or the body alone."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxdash.classify import apply_rules, compile_rules
from cxdash.text import analysis_text


def test_the_subject_comes_first_then_the_body():
    items = pd.DataFrame(
        {
            "text": ["孩子每天作业到深夜", "The app logs me out"],
            "subject": ["学生课业负担重", "Login"],
        },
        index=[7, 9],
    )
    found = analysis_text(items)
    assert found.tolist() == ["学生课业负担重\n孩子每天作业到深夜", "Login\nThe app logs me out"]
    assert found.index.tolist() == [7, 9]


def test_items_without_a_subject_read_their_body_alone():
    items = pd.DataFrame(
        {"text": ["宽带断网", "账单多扣", None], "subject": [None, "  ", "只有主题"]}
    )
    assert analysis_text(items).tolist() == ["宽带断网", "账单多扣", "只有主题\n"]


def test_a_frame_without_the_subject_column_reads_the_text():
    items = pd.DataFrame({"text": ["网速慢", None]})
    assert analysis_text(items).tolist() == ["网速慢", ""]


def test_a_subject_the_body_opens_with_is_not_repeated():
    items = pd.DataFrame({"text": ["网速太慢，晚上几乎打不开网页"], "subject": ["网速太慢"]})
    assert analysis_text(items).tolist() == ["网速太慢，晚上几乎打不开网页"]


def test_the_stored_frame_is_left_as_it_was():
    items = pd.DataFrame({"text": ["孩子作业多"], "subject": ["课业负担"]})
    before = items.copy()
    analysis_text(items)
    pd.testing.assert_frame_equal(items, before)


def test_a_rule_can_fire_on_words_only_the_subject_holds():
    taxonomy = pd.DataFrame(
        {
            "key": ["education", "transport"],
            "keywords": ["课业|学生", "公交|地铁"],
            "pattern": [None, None],
        }
    )
    items = pd.DataFrame({"text": ["每天都要熬到深夜才能睡"], "subject": ["A7县学生课业负担太重"]})
    rules = compile_rules(taxonomy)
    body_only = apply_rules(items["text"].tolist(), rules)
    with_subject = apply_rules(analysis_text(items).tolist(), rules)
    assert body_only["category"].isna().all()
    assert with_subject["category"].tolist() == ["education"]
    assert np.all(with_subject["confidence"] > 0)
