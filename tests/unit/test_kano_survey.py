"""KANO questions for the survey module: paired wording in both languages, and their checks."""

from __future__ import annotations

import pytest

from cxdash.errors import InvalidInput
from cxdash.question_bank import kano_questions
from cxdash.surveys import Question, check_questions


def test_one_paired_question_per_need_in_both_languages():
    en = kano_questions(["E-invoice", " ", "E-invoice", "Data sharing"], "en")
    zh = kano_questions(["电子发票"], "zh", importance=True)
    assert [q.key for q in en] == ["kano_1", "kano_2"]
    assert en[0].options == (
        "If E-invoice is provided, how do you feel?",
        "If E-invoice is not provided, how do you feel?",
    )
    assert zh[0].options[2] == "「电子发票」对您有多重要？（1–5）"
    assert all(q.required and q.qtype == "kano" for q in en + zh)
    assert check_questions(en) == en


def test_a_kano_question_needs_its_pair_of_wordings():
    with pytest.raises(InvalidInput) as err:
        check_questions([Question("k", "kano", "E-invoice", options=("If it is there?",))])
    assert err.value.params["problems"] == "1: options"
