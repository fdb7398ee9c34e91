"""KANO analysis (Berger et al. 1993): answer pairs to categories, then per-feature statistics.

Each respondent answers a functional question ("if the feature is there") and a dysfunctional one
("if it is not there") on the scale Like / Must-be / Neutral / Live-with / Dislike. The pair maps to
A (attractive), O (one-dimensional), M (must-be), I (indifferent), R (reverse) or Q (questionable).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from cxdash.errors import InvalidInput

ANSWERS = ("like", "must", "neutral", "live", "dislike")
CATEGORIES = ("M", "O", "A", "I", "R", "Q")
RULE_ORDER = ("M", "O", "A", "I")
# Category strength at or below this share counts as a close call (stp25kano's threshold).
TIE_BAND = 0.06
FONG_FACTOR = 1.65

_TABLE = (
    ("Q", "A", "A", "A", "O"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "R", "R", "R", "Q"),
)
_ALIASES = {
    "like": ("like", "i like it", "喜欢", "1"),
    "must": ("must", "must-be", "must be", "expect", "理应如此", "必须如此", "2"),
    "neutral": ("neutral", "indifferent", "无所谓", "3"),
    "live": ("live", "live-with", "live with", "can live with it", "能忍受", "4"),
    "dislike": ("dislike", "i dislike it", "不喜欢", "5"),
}
_LOOKUP = {alias: key for key, names in _ALIASES.items() for alias in names}


def parse_answer(raw: object) -> str | None:
    """Return the answer key (like, must, …) for a code 1–5, an English or a Chinese label."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    text = str(raw).strip().lower()
    if text.endswith(".0"):
        text = text[:-2]
    return _LOOKUP.get(text)


def classify(functional: str, dysfunctional: str) -> str:
    """Return the KANO category of one answer pair from the evaluation table (GUIDE §4)."""
    return _TABLE[ANSWERS.index(functional)][ANSWERS.index(dysfunctional)]


@dataclass(frozen=True)
class KanoResult:
    """One feature's counts, categories, coefficients, strengths and Fong test."""

    feature: str
    n: int
    M: int
    O: int  # noqa: E741
    A: int
    I: int  # noqa: E741
    R: int
    Q: int
    mode: str
    category: str
    better: float
    worse: float
    total_strength: float
    category_strength: float
    fong_diff: int
    fong_threshold: float
    fong_significant: bool


def _fong(top: int, second: int, n: int) -> tuple[int, float, bool]:
    """Return |a−b|, the Fong threshold 1.65·√((a+b)(2n−a−b)/(2n)) and whether a−b reaches it."""
    threshold = FONG_FACTOR * math.sqrt((top + second) * (2 * n - top - second) / (2 * n))
    diff = abs(top - second)
    return diff, threshold, diff >= round(threshold, 1)


def _rule_category(ranked: list[str], strength: float) -> str:
    """Return the mode, or on a close call the first of the top two in the order M > O > A > I."""
    if strength > TIE_BAND:
        return ranked[0]
    for cat in RULE_ORDER:
        if cat in ranked[:2]:
            return cat
    return ranked[0]


def analyse_counts(feature: str, counts: dict[str, int]) -> KanoResult:
    """Return the KANO statistics of one feature from its category counts (stp25kano definitions).

    Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I) (Berger et al. 1993); total strength =
    (A+O+M)/n; category strength and the Fong test use the two largest of M, O, A, I, R with n
    including Q (Fong 1996).
    """
    c = {cat: int(counts.get(cat, 0)) for cat in CATEGORIES}
    n = sum(c.values())
    if n == 0:
        raise InvalidInput("kano.no_answers", feature=feature)
    ranked = sorted(CATEGORIES[:5], key=lambda k: (-c[k], CATEGORIES.index(k)))
    mode = sorted(CATEGORIES, key=lambda k: (-c[k], CATEGORIES.index(k)))[0]
    strength = (c[ranked[0]] - c[ranked[1]]) / n
    base = c["A"] + c["O"] + c["M"] + c["I"]
    diff, threshold, significant = _fong(c[ranked[0]], c[ranked[1]], n)
    return KanoResult(
        feature=feature,
        n=n,
        **c,
        mode=mode,
        category=_rule_category(ranked, strength),
        better=(c["A"] + c["O"]) / base if base else float("nan"),
        worse=-(c["O"] + c["M"]) / base if base else float("nan"),
        total_strength=(c["A"] + c["O"] + c["M"]) / n,
        category_strength=strength,
        fong_diff=diff,
        fong_threshold=threshold,
        fong_significant=significant,
    )


def categorise_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """Return the answers (feature, functional, dysfunctional, …) with a `category` column added.

    Rows whose answers cannot be read raise one error listing every bad row number.
    """
    func = _parse_column(answers["functional"])
    dysf = _parse_column(answers["dysfunctional"])
    bad = answers.index[func.isna() | dysf.isna()]
    if len(bad):
        rows = ", ".join(str(int(i) + 1) for i in bad[:20])
        raise InvalidInput("kano.bad_answers", rows=rows, count=len(bad))
    out = answers.assign(functional=func, dysfunctional=dysf)
    table = np.array(_TABLE, dtype=object)
    f_codes = pd.Categorical(func, categories=ANSWERS).codes
    d_codes = pd.Categorical(dysf, categories=ANSWERS).codes
    out["category"] = table[f_codes, d_codes]
    return out


def _parse_column(values: pd.Series) -> pd.Series:
    """Return the answer keys of a column, parsing each distinct raw value once."""
    lookup = {raw: parse_answer(raw) for raw in pd.unique(values.astype(object))}
    return values.astype(object).map(lookup)


def analyse(answers: pd.DataFrame) -> pd.DataFrame:
    """Return one row of KANO statistics per feature, in the order features first appear."""
    if answers.empty:
        return pd.DataFrame(columns=list(KanoResult.__dataclass_fields__))
    coded = answers if "category" in answers else categorise_answers(answers)
    counts = coded.groupby(["feature", "category"], sort=False).size().unstack(fill_value=0)
    order = list(dict.fromkeys(coded["feature"]))
    rows = pd.DataFrame([asdict(analyse_counts(f, counts.loc[f].to_dict())) for f in order])
    if "importance" in coded and coded["importance"].notna().any():
        stated = pd.to_numeric(coded["importance"], errors="coerce").groupby(coded["feature"])
        rows["importance"] = rows["feature"].map(stated.mean())
    return rows


def compare_segments(answers: pd.DataFrame, segment_col: str = "segment") -> pd.DataFrame:
    """Return category, Better and Worse per feature (rows) and segment (column groups)."""
    coded = answers if "category" in answers else categorise_answers(answers)
    parts = []
    for segment, group in coded.groupby(coded[segment_col].fillna("—"), sort=True):
        table = analyse(group)[["feature", "n", "category", "better", "worse"]]
        parts.append(table.assign(segment=segment))
    if not parts:
        return pd.DataFrame(columns=["feature", "segment", "n", "category", "better", "worse"])
    return pd.concat(parts, ignore_index=True)[
        ["feature", "segment", "n", "category", "better", "worse"]
    ]


_PRIORITY = {"M": 0, "O": 1, "A": 2, "I": 3, "R": 4, "Q": 5}


def priority_list(table: pd.DataFrame) -> pd.DataFrame:
    """Return the features ranked M, then O, then A (by |Worse| or Better), with a reason key."""
    if table.empty:
        return table.assign(rank=[], reason=[])
    ranked = table.assign(
        _group=table["category"].map(_PRIORITY),
        _weight=[abs(w) if c == "M" else b for c, b, w in zip(*_cols(table), strict=True)],
    ).sort_values(["_group", "_weight"], ascending=[True, False])
    ranked = ranked.drop(columns=["_group", "_weight"]).reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    ranked["reason"] = [
        f"kano.reason.{c}{'' if s else '_ns'}"
        for c, s in zip(ranked["category"], ranked["fong_significant"], strict=True)
    ]
    return ranked


def _cols(table: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return the category, Better and Worse columns."""
    return table["category"], table["better"], table["worse"]


def long_from_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """Return long answers from a wide table whose columns end in `[F]`/`[D]` (or `|F`/`|D`).

    A column "<need> importance" gives the self-stated importance; other columns (such as a
    segment) are carried along on every row.
    """
    pairs = _feature_columns(frame)
    if not pairs:
        raise InvalidInput("kano.no_pairs")
    stated = {f"{f} importance": f for f in pairs}
    used = {c for p in pairs.values() for c in p} | set(stated)
    extra = [c for c in frame.columns if c not in used]
    parts = []
    for feature, (func_col, dysf_col) in pairs.items():
        part = frame[extra].copy()
        part["feature"] = feature
        part["functional"] = frame[func_col]
        part["dysfunctional"] = frame[dysf_col]
        part["importance"] = frame.get(f"{feature} importance")
        parts.append(part)
    long = pd.concat(parts, ignore_index=True)
    both_empty = long["functional"].isna() & long["dysfunctional"].isna()
    return long[~both_empty].reset_index(drop=True)


def _feature_columns(frame: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Return feature → (functional column, dysfunctional column) for every complete pair."""
    found: dict[str, dict[str, str]] = {}
    for col in frame.columns:
        name = str(col).strip()
        for marker, side in (("[F]", "f"), ("|F", "f"), ("[D]", "d"), ("|D", "d")):
            if name.upper().endswith(marker):
                found.setdefault(name[: -len(marker)].strip(), {})[side] = str(col)
    return {f: (s["f"], s["d"]) for f, s in found.items() if {"f", "d"} <= set(s)}


LONG_COLUMNS = ("feature", "functional", "dysfunctional")


def answers_from_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return long answers from an imported table in long (feature, functional, …) or wide form."""
    lowered = {c: str(c).strip().lower() for c in frame.columns}
    if set(LONG_COLUMNS) <= set(lowered.values()):
        long = frame.rename(columns=lowered)
        return long[long["feature"].notna() & (long["feature"].astype(str).str.strip() != "")]
    return long_from_wide(frame)
