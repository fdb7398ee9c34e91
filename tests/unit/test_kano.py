"""KANO: the evaluation table, and the published stp25kano README table reproduced to 3 decimals."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.errors import InvalidInput
from cxdash.kano import (
    analyse,
    analyse_counts,
    answers_from_table,
    classify,
    compare_segments,
    parse_answer,
    priority_list,
)

# stp4/stp25kano README (commit 13ebf74): counts, then max category, M>O>A>I category,
# total strength %, category strength %, CS+ (Better), CS− (Worse), Fong |a−b|, threshold, verdict.
STP25KANO = [
    ("Service app", (95, 123, 45, 33, 0, 0), "O", "O", 89, 9, 0.568, -0.736, 28, 19.4, True),
    ("Excellent service", (101, 54, 54, 81, 3, 3), "M", "M", 71, 7, 0.372, -0.534, 20, 18.5, True),
    ("Hotline", (15, 24, 121, 124, 6, 6), "I", "A", 54, 1, 0.511, -0.137, 3, 19.8, False),
    ("Loan machine", (65, 87, 93, 51, 0, 0), "A", "O", 83, 2, 0.608, -0.514, 6, 18.5, False),
    (
        "Ready-to-use return",
        (9, 18, 83, 177, 6, 3),
        "I",
        "I",
        37,
        32,
        0.352,
        -0.094,
        94,
        19.9,
        True,
    ),
]


@pytest.mark.parametrize("row", STP25KANO, ids=[r[0] for r in STP25KANO])
def test_published_kano_table_reproduces(row):
    name, counts, mode, rule, total, cat, better, worse, diff, threshold, sig = row
    result = analyse_counts(name, dict(zip("MOAIRQ", counts, strict=True)))
    assert result.n == 296
    assert result.mode == mode
    assert result.category == rule
    assert round(result.total_strength * 100) == total
    assert round(result.category_strength * 100) == cat
    assert round(result.better, 3) == better
    assert round(result.worse, 3) == worse
    assert result.fong_diff == diff
    assert round(result.fong_threshold, 1) == threshold
    assert result.fong_significant is sig


def test_guide_fixture_service_app():
    result = analyse_counts("Service app", {"M": 95, "O": 123, "A": 45, "I": 33})
    assert (round(result.better, 3), round(result.worse, 3), result.category) == (
        0.568,
        -0.736,
        "O",
    )


@pytest.mark.parametrize(
    ("func", "dysf", "expected"),
    [
        ("like", "like", "Q"),
        ("like", "must", "A"),
        ("like", "live", "A"),
        ("like", "dislike", "O"),
        ("must", "like", "R"),
        ("neutral", "neutral", "I"),
        ("live", "dislike", "M"),
        ("dislike", "neutral", "R"),
        ("dislike", "dislike", "Q"),
    ],
)
def test_evaluation_table(func, dysf, expected):
    assert classify(func, dysf) == expected


def test_answers_parse_codes_and_both_languages():
    assert [parse_answer(x) for x in ("1", 5, "理应如此", "Live with", "5.0", "x", None)] == [
        "like",
        "dislike",
        "must",
        "live",
        "dislike",
        None,
        None,
    ]


def _answers() -> pd.DataFrame:
    rows = [("e-invoice", "like", "dislike", "family")] * 6
    rows += [("e-invoice", "neutral", "dislike", "consumer")] * 3
    rows += [("arrival window", "like", "neutral", "consumer")] * 5
    rows += [("arrival window", "neutral", "neutral", "family")] * 2
    return pd.DataFrame(rows, columns=["feature", "functional", "dysfunctional", "segment"])


def test_analyse_and_priority_from_answers():
    table = analyse(_answers())
    assert table.set_index("feature")["category"].to_dict() == {
        "e-invoice": "O",
        "arrival window": "A",
    }
    ranked = priority_list(table)
    assert list(ranked["feature"]) == ["e-invoice", "arrival window"]
    assert ranked["reason"].iloc[0].startswith("kano.reason.O")


def test_segments_side_by_side():
    table = compare_segments(_answers())
    fam = table[(table.feature == "e-invoice") & (table.segment == "family")]
    assert fam["category"].item() == "O" and fam["n"].item() == 6


def test_wide_import_and_bad_rows_are_all_reported():
    wide = pd.DataFrame(
        {
            "id": ["r1", "r2", "r3"],
            "E-invoice [F]": ["1", "1", "9"],
            "E-invoice [D]": ["5", "4", "x"],
        }
    )
    long = answers_from_table(wide)
    assert list(long["feature"].unique()) == ["E-invoice"]
    with pytest.raises(InvalidInput) as err:
        analyse(long)
    assert err.value.key == "kano.bad_answers" and err.value.params["rows"] == "3"
    assert analyse(long.iloc[:2])["category"].item() == "O"


def test_wide_import_reads_self_stated_importance():
    wide = pd.DataFrame(
        {
            "segment": ["family", "consumer"],
            "Family sharing [F]": ["like", "like"],
            "Family sharing [D]": ["dislike", "neutral"],
            "Family sharing importance": ["5", "3"],
        }
    )
    table = analyse(answers_from_table(wide))
    assert table["importance"].item() == 4.0 and table["n"].item() == 2
