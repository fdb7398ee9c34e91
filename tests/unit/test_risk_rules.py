"""Veto rules: the whitelisted grammar, its errors, and evaluation on raw customer tables."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.rules import applicable, evaluate, parse_rule, vetoed_by

CUSTOMERS = pd.DataFrame(
    {
        "complaints_30d": ["0", "3", "5", "", "2"],
        "outages_30d": ["4", "0", "1", "3", "3"],
        "plan": ["basic", "Premium", "basic", "premium", "family"],
        "套餐": ["基础", "高端", "基础", "高端", "家庭"],
    }
)


def test_simple_threshold_rule():
    rule = parse_rule("complaints_30d >= 3")
    assert list(evaluate(rule, CUSTOMERS)) == [False, True, True, False, False]


def test_and_binds_tighter_than_or_and_text_is_compared_case_insensitively():
    rule = parse_rule("complaints_30d >= 5 or outages_30d >= 3 and plan == 'premium'")
    assert list(evaluate(rule, CUSTOMERS)) == [False, False, True, True, False]


def test_chinese_connectives_and_column_names():
    rule = parse_rule("outages_30d >= 3 且 套餐 != 基础")
    assert list(evaluate(rule, CUSTOMERS)) == [False, False, False, True, True]


@pytest.mark.parametrize(
    "text",
    [
        "complaints_30d >=",
        "complaints_30d 3",
        "__import__('os').system('ls')",
        "complaints_30d >= 3 or",
        "complaints_30d >= 3; drop table",
        "a >= b >= c",
    ],
)
def test_malformed_rules_are_refused_with_a_message_key(text):
    with pytest.raises(InvalidInput) as err:
        parse_rule(text)
    assert err.value.key == "quality.rule_syntax"


def test_unknown_feature_and_ordering_on_text_are_refused():
    with pytest.raises(InvalidInput) as err:
        evaluate(parse_rule("tenure < 3"), CUSTOMERS)
    assert err.value.key == "quality.rule_unknown_feature"
    with pytest.raises(InvalidInput):
        evaluate(parse_rule("plan > 'a'"), CUSTOMERS)


def test_vetoed_by_names_every_rule_that_fires():
    rules = [parse_rule("complaints_30d >= 3"), parse_rule("outages_30d >= 3")]
    got = list(vetoed_by(rules, CUSTOMERS))
    assert got[0] == "outages_30d >= 3"
    assert got[2] == "complaints_30d >= 3"
    assert got[1] == "complaints_30d >= 3"
    assert got[3] == "outages_30d >= 3"
    assert vetoed_by([], CUSTOMERS).isna().all()


def test_rules_on_missing_columns_are_set_aside():
    usable, skipped = applicable(["complaints_30d >= 3", "tenure < 6"], list(CUSTOMERS.columns))
    assert [r.text for r in usable] == ["complaints_30d >= 3"]
    assert skipped == ["tenure < 6"]
