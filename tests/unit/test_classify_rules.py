"""Rules, the supervised classifier and the review order."""

from __future__ import annotations

import pandas as pd

from cxdash.classify import apply_rules, combine, compile_rules, review_order
from cxdash.taxonomy import builtin_taxonomy, set_rules
from cxdash.text import train_model


def test_rules_pick_the_category_with_most_hits_in_both_languages():
    rules = compile_rules(builtin_taxonomy("telecom"))
    found = apply_rules(["账单多扣了20元", "I was charged twice on my bill", "今天天气不错"], rules)
    assert found["category"].tolist()[:2] == ["billing_error", "billing_error"]
    assert pd.isna(found["category"].iloc[2]) and found["confidence"].iloc[2] == 0


def test_a_regex_rule_counts():
    tax = set_rules(builtin_taxonomy("telecom"), "number_porting", "", r"转\s*网")
    assert apply_rules(["我要转 网"], compile_rules(tax))["category"].iloc[0] == "number_porting"


def test_model_learns_from_labels_and_is_reproducible():
    texts = ["宽带断网了"] * 5 + ["账单多扣钱"] * 5
    labels = ["outage"] * 5 + ["billing"] * 5
    first = train_model(texts, labels, ["宽带又断网", "多扣了钱"], seed=0)
    second = train_model(texts, labels, ["宽带又断网", "多扣了钱"], seed=0)
    assert first is not None and second is not None
    guess = first.predict(["断网三天", "扣钱不对"])
    assert guess["category"].tolist() == ["outage", "billing"]
    assert guess.equals(second.predict(["断网三天", "扣钱不对"]))


def test_one_class_is_not_enough_to_train():
    assert train_model(["a", "b"], ["x", "x"]) is None


def test_rule_wins_only_where_the_model_is_less_sure():
    rule = pd.DataFrame({"category": ["r1", None], "confidence": [0.7, 0.0]})
    model = pd.DataFrame({"category": ["m1", "m2"], "confidence": [0.5, 0.4], "margin": [0, 0]})
    chosen = combine(rule, model)
    assert chosen["category"].tolist() == ["r1", "m2"]
    assert chosen["origin"].tolist() == ["rule", "model"]


def test_review_order_puts_the_least_confident_machine_labels_first():
    labels = pd.DataFrame(
        {
            "feedback_id": [1, 2, 3, 4],
            "category_origin": ["model", "human", "model", "rule"],
            "category_conf": [0.9, 0.1, 0.3, 0.5],
        }
    )
    assert review_order(labels)["feedback_id"].tolist() == [3, 4, 1]
