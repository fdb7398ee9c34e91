"""Veto rules: small hard rules that flag a customer whatever the model says.

Grammar (no eval, only these tokens)::

    rule       := conjunction (("or" | "或") conjunction)*
    conjunction:= condition (("and" | "且") condition)*
    condition  := feature op value
    op         := ">=" | "<=" | ">" | "<" | "==" | "=" | "!="
    value      := number | 'text' | "text" | word

Example: ``complaints_30d >= 3 or outages_30d >= 2 and plan == premium``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from cxdash.errors import InvalidInput

_TOKEN = re.compile(
    r"\s*(?:(?P<op>>=|<=|==|!=|=|>|<)|(?P<num>-?\d+(?:\.\d+)?)(?![\w.])"
    r"|(?P<str>'[^']*'|\"[^\"]*\")|(?P<word>[\w\u4e00-\u9fff.]+))"
)
_OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "=": operator.eq,
    "!=": operator.ne,
}
_AND = {"and", "且", "&&"}
_OR = {"or", "或", "||"}
MAX_RULE_LENGTH = 300


@dataclass(frozen=True)
class Condition:
    """One comparison: a feature, an operator and a number or a text value."""

    feature: str
    op: str
    value: float | str


@dataclass(frozen=True)
class Rule:
    """A parsed rule: any of its conjunctions (each a tuple of conditions) must hold."""

    text: str
    alternatives: tuple[tuple[Condition, ...], ...]

    @property
    def features(self) -> set[str]:
        """Return the feature names the rule reads."""
        return {c.feature for conj in self.alternatives for c in conj}


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.replace("&&", " && ").replace("||", " || ")
    while pos < len(text.rstrip()):
        found = _TOKEN.match(text, pos)
        if not found or found.end() == pos:
            raise InvalidInput("quality.rule_syntax", rule=text.strip(), pos=pos + 1)
        kind = found.lastgroup or ""
        out.append((kind, found.group(kind)))
        pos = found.end()
    return out


def _condition(toks: list[tuple[str, str]], text: str) -> Condition:
    if len(toks) != 3 or toks[0][0] != "word" or toks[1][0] != "op" or toks[2][0] == "op":
        raise InvalidInput("quality.rule_syntax", rule=text, pos=" ".join(t[1] for t in toks))
    kind, raw = toks[2]
    value: float | str = float(raw) if kind == "num" else raw.strip("'\"")
    return Condition(toks[0][1], toks[1][1], value)


def parse_rule(text: str) -> Rule:
    """Return the parsed rule; raise InvalidInput saying where it cannot be read."""
    text = text.strip()
    if not text or len(text) > MAX_RULE_LENGTH:
        raise InvalidInput("quality.rule_empty")
    alternatives: list[tuple[Condition, ...]] = []
    conj: list[Condition] = []
    current: list[tuple[str, str]] = []
    for kind, raw in [*_tokens(text), ("word", "or")]:
        lowered = raw.lower() if kind == "word" else ""
        if lowered in _AND or lowered in _OR:
            conj.append(_condition(current, text))
            current = []
            if lowered in _OR:
                alternatives.append(tuple(conj))
                conj = []
        else:
            current.append((kind, raw))
    return Rule(text, tuple(alternatives))


def check_features(rule: Rule, columns: list[str]) -> Rule:
    """Return the rule when every feature it reads is a column; raise InvalidInput otherwise."""
    unknown = sorted(rule.features - set(columns))
    if unknown:
        raise InvalidInput("quality.rule_unknown_feature", feature=", ".join(unknown))
    return rule


def _holds(cond: Condition, frame: pd.DataFrame) -> pd.Series:
    column = frame[cond.feature]
    if isinstance(cond.value, float):
        numbers = pd.to_numeric(column, errors="coerce")
        return pd.Series(_OPS[cond.op](numbers, cond.value), index=frame.index).fillna(False)
    if cond.op not in ("==", "=", "!="):
        raise InvalidInput("quality.rule_text_compare", feature=cond.feature)
    text = column.astype("string").str.strip().str.lower()
    same = (text == cond.value.lower()).fillna(False)
    return same if cond.op != "!=" else ~same


def evaluate(rule: Rule, frame: pd.DataFrame) -> pd.Series:
    """Return a boolean Series: True where the rule flags the row."""
    check_features(rule, list(frame.columns))
    hit = pd.Series(False, index=frame.index)
    for conj in rule.alternatives:
        part = pd.Series(True, index=frame.index)
        for cond in conj:
            part &= _holds(cond, frame).astype(bool)
        hit |= part
    return hit


def vetoed_by(rules: list[Rule], frame: pd.DataFrame) -> pd.Series:
    """Return, per row, the text of the rules that flag it joined by '; ' (None when none)."""
    hits = [evaluate(rule, frame).map({True: rule.text, False: None}) for rule in rules]
    if not hits:
        return pd.Series([None] * len(frame), index=frame.index, dtype="object")
    joined = pd.concat(hits, axis=1).apply(
        lambda r: "; ".join(v for v in r if isinstance(v, str)), axis=1
    )
    return joined.where(joined != "", None)


def applicable(texts: list[str], columns: list[str]) -> tuple[list[Rule], list[str]]:
    """Return the rules that can run on these columns, and the texts of those that cannot."""
    usable, skipped = [], []
    for text in texts:
        rule = parse_rule(text)
        if rule.features <= set(columns):
            usable.append(rule)
        else:
            skipped.append(text)
    return usable, skipped
