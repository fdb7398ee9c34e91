"""Lexicon polarity of a text in [-1, 1]: polar words read clause by clause, offline.

The hand-written bilingual lexicon (cxdash/lexicon/sentiment.toml) holds polar words in three
strengths, negators, degree words, contrast and concessive words. The reading follows Taboada et
al. 2011 ("Lexicon-based methods for sentiment analysis", Computational Linguistics 37(2)):
intensifiers scale the next polar word, negation shifts it (a negated negative only part of the
way), and "but" makes the clause after it count more than the one before. A negator of existence
with no polar word after it (没有热水, "there is no hot water") counts as a faint complaint.
Polar words are counted as in Hu & Liu 2004; the sum is divided by the polar mass plus one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cxdash.text import normalise

NEGATION_REACH = 4
DEGREE_REACH = 2
BEFORE_CONTRAST = 0.5
AFTER_CONTRAST = 1.5
NEGATED_POSITIVE = 1.0
NEGATED_NEGATIVE = 0.5
ABSENCE = -0.25
_LEXICON = Path(__file__).resolve().parent / "lexicon" / "sentiment.toml"
_WEIGHTS = {
    "strong_positive": 2.0,
    "positive": 1.0,
    "weak_positive": 0.5,
    "neutral": 0.0,
    "weak_negative": -0.5,
    "faint_negative": -0.25,
    "negative": -1.0,
    "strong_negative": -2.0,
}
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_CLAUSE_MARKS = frozenset(",、;:~…()[]")
_SENTENCE_MARKS = frozenset("。.!?\n")
_MARKS = _CLAUSE_MARKS | _SENTENCE_MARKS
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz'")
Token = tuple[str, int, int]


@dataclass(frozen=True)
class Lexicon:
    """The sentiment lexicon: entry lengths by first character, polar weights and modifiers."""

    lengths: dict[str, tuple[int, ...]]
    entries: frozenset[str]
    weight: dict[str, float]
    negators: frozenset[str]
    degree: dict[str, float]
    contrast: frozenset[str]
    concessive: frozenset[str]
    absence: frozenset[str]

    def tokens(self, text: str) -> list[Token]:
        """Return the longest entries found left to right with their spans (Latin: whole words)."""
        found: list[Token] = []
        i, n = 0, len(text)
        while i < n:
            step = 1
            for size in self.lengths.get(text[i], ()):
                word = text[i : i + size]
                if word in self.entries and not _inside_word(text, word, i, i + size):
                    found.append((word, i, i + size))
                    step = size
                    break
            i += step
        return found


def _inside_word(text: str, word: str, start: int, end: int) -> bool:
    """Return whether a Latin entry found at start:end is only part of a longer word."""
    if word[0] not in _LATIN:
        return False
    return (start > 0 and text[start - 1] in _LATIN) or (end < len(text) and text[end] in _LATIN)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Return the lexicon of cxdash/lexicon/sentiment.toml, clause and sentence marks included."""
    with _LEXICON.open("rb") as handle:
        raw = tomllib.load(handle)
    weight = {w: value for key, value in _WEIGHTS.items() for w in raw[key]}
    modifiers = [*raw["negators"], *raw["degree"], *raw["contrast"], *raw["concessive"]]
    entries = frozenset({*weight, *modifiers, *_CLAUSE_MARKS, *_SENTENCE_MARKS})
    lengths: dict[str, set[int]] = {}
    for word in entries:
        lengths.setdefault(word[0], set()).add(len(word))
    return Lexicon(
        lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        entries=entries,
        weight=weight,
        negators=frozenset(raw["negators"]),
        degree={str(k): float(v) for k, v in raw["degree"].items()},
        contrast=frozenset(raw["contrast"]),
        concessive=frozenset(raw["concessive"]),
        absence=frozenset(raw["absence"]),
    )


@dataclass
class Reading:
    """The state of one left-to-right reading: totals so far and the open sentence's values."""

    values: list[float] = field(default_factory=list)
    total: float = 0.0
    mass: float = 0.0
    gain: float = 1.0
    local: float = 1.0
    negated_until: int = -1
    degree_until: int = -1
    degree: float = 1.0

    def close_clause(self) -> None:
        """End a clause: negation, degree and concession stop here."""
        self.negated_until, self.degree_until, self.local = -1, -1, 1.0

    def close_sentence(self) -> None:
        """End a sentence: its values join the totals and contrast stops here."""
        self.close_clause()
        self.total += sum(self.values)
        self.mass += sum(abs(v) for v in self.values)
        self.values, self.gain = [], 1.0

    def contrast(self) -> None:
        """Read a contrast word: what came before weighs less, what follows weighs more."""
        self.values = [v * BEFORE_CONTRAST for v in self.values]
        self.gain, self.local = AFTER_CONTRAST, 1.0

    def polar(self, value: float, start: int) -> None:
        """Add one polar word, scaled by a pending degree word and shifted by a pending negator."""
        if start <= self.degree_until:
            value, self.degree_until = value * self.degree, -1
        if start <= self.negated_until:
            value = -value * (NEGATED_POSITIVE if value > 0 else NEGATED_NEGATIVE)
            self.negated_until = -1
        self.values.append(value * self.gain * self.local)

    def score(self) -> float:
        """Return the polarity read so far: the sum over the polar mass plus one."""
        return self.total / (self.mass + 1.0)


def _modifies(found: list[Token], i: int, reach: int, lex: Lexicon) -> bool:
    """Return whether token i acts as a modifier: not polar itself, or a word follows in reach."""
    if found[i][0] not in lex.weight:
        return True
    if i + 1 >= len(found) or found[i + 1][0] in _MARKS:
        return False
    return found[i + 1][1] - found[i][2] <= reach


def _polar_ahead(found: list[Token], i: int, lex: Lexicon) -> bool:
    """Return whether a polar word follows token i in its clause within the negation reach."""
    for token, start, _ in found[i + 1 :]:
        if (
            token in _CLAUSE_MARKS
            or token in _SENTENCE_MARKS
            or start > found[i][2] + NEGATION_REACH
        ):
            return False
        if lex.weight.get(token):
            return True
    return False


def read(found: list[Token], lex: Lexicon) -> Reading:
    """Return the reading of a text's tokens, sentence by sentence and clause by clause."""
    state = Reading()
    for i, (token, start, end) in enumerate(found):
        if token in _SENTENCE_MARKS:
            state.close_sentence()
        elif token in _CLAUSE_MARKS:
            state.close_clause()
        elif token in lex.negators and _modifies(found, i, NEGATION_REACH, lex):
            if token in lex.absence and not _polar_ahead(found, i, lex):
                state.polar(ABSENCE, start)
            state.negated_until = end + NEGATION_REACH
        elif token in lex.degree and _modifies(found, i, 0, lex):
            state.degree_until, state.degree = end + DEGREE_REACH, lex.degree[token]
        else:
            if token in lex.contrast:
                state.contrast()
            if token in lex.concessive:
                state.local = BEFORE_CONTRAST
            if lex.weight.get(token):
                state.polar(lex.weight[token], start)
    state.close_sentence()
    return state


def lexicon_score(text: str) -> float:
    """Return the lexicon polarity of one text in [-1, 1] (0 when no polar word is found)."""
    lex = lexicon()
    return read(lex.tokens(_CJK_SPACE.sub(",", normalise(text))), lex).score()
