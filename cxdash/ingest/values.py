"""Turning an export's strings into dates and ratings, vectorised, with the cells that failed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Tried in order on the cells still unparsed; year-first layouts are normalised to "Y-M-D" first.
_DATE_FORMATS = (
    "ISO8601",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
)
_YEAR_FIRST = re.compile(r"^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*[日号]?\s*T?\s*")
_CN_TIME = re.compile(r"(\d{1,2})\s*[时點点:]\s*(\d{1,2})\s*分?")
_TZ_SUFFIX = re.compile(r"(?<=\d)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
EXCEL_EPOCH = "1899-12-30"
SERIAL_RANGE = (20_000, 80_000)

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9, "十": 10})
_NUMBER = r"(\d+(?:\.\d+)?)"
_RATING_PATTERNS: tuple[tuple[re.Pattern[str], float | None], ...] = (
    (re.compile(rf"^{_NUMBER}\s*/\s*(\d+)$"), None),
    (re.compile(rf"^{_NUMBER}\s*out\s+of\s+(\d+)$", re.I), None),
    (re.compile(rf"^{_NUMBER}\s*(?:stars?|星|颗星|星级)$", re.I), 5.0),
    (re.compile(rf"^{_NUMBER}\s*(?:分|points?|pts?)$", re.I), None),
    (re.compile(rf"^{_NUMBER}\s*%$"), 100.0),
)
_CN_STAR = re.compile(r"^([零一二两三四五六七八九十])\s*(星|颗星|星级|分)$")
_SATISFACTION = {
    "非常满意": 5.0,
    "很满意": 5.0,
    "满意": 4.0,
    "一般": 3.0,
    "不满意": 2.0,
    "很不满意": 1.0,
    "非常不满意": 1.0,
}
RATING_SCALES = (5.0, 10.0, 100.0)


def _normalise_dates(values: pd.Series) -> pd.Series:
    """Return the date strings with year-first layouts as Y-M-D and time zones dropped."""
    text = values.str.strip()
    text = text.str.replace(_YEAR_FIRST, r"\1-\2-\3 ", regex=True)
    text = text.str.replace(_CN_TIME, r"\1:\2", regex=True)
    return text.str.replace(_TZ_SUFFIX, "", regex=True).str.strip()


def _serial_dates(values: pd.Series) -> pd.Series:
    """Return Excel serial day numbers (and Unix seconds) as timestamps, NaT elsewhere."""
    numbers = pd.to_numeric(values, errors="coerce")
    serial = values.str.match(_SERIAL) & numbers.between(*SERIAL_RANGE)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    if serial.any():
        days = pd.to_timedelta(numbers[serial], unit="D")
        out[serial] = (pd.Timestamp(EXCEL_EPOCH) + days).dt.round("s")
    epoch = values.str.fullmatch(r"1\d{9}") & numbers.notna()
    if epoch.any():
        out[epoch] = pd.to_datetime(numbers[epoch], unit="s")
    return out


def _iso_dates(text: pd.Series) -> pd.Series:
    """Return ISO 8601 dates parsed in one vectorised pass (wall-clock time kept), NaT elsewhere."""
    try:
        found = pd.to_datetime(text, format="ISO8601", errors="coerce")
    except ValueError:  # mixed time-zone offsets: leave them to the slow path
        return pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    if isinstance(found.dtype, pd.DatetimeTZDtype):
        found = found.dt.tz_localize(None)
    return found.astype("datetime64[us]")


def _other_dates(text: pd.Series) -> pd.Series:
    """Return the dates of the cells the ISO pass missed, trying each known layout in turn."""
    text = _normalise_dates(text)
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    for fmt in _DATE_FORMATS:
        todo = parsed.isna()
        if not todo.any():
            break
        found = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        parsed[todo] = found.astype("datetime64[us]")
    todo = parsed.isna()
    if todo.any():
        parsed[todo] = _serial_dates(text[todo])
    return parsed


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (timestamps, failed): parsed dates (NaT where empty) and a mask of unparseable cells.

    Accepts ISO 8601 (a time-zone suffix is dropped, keeping the wall-clock time as written),
    ``2024/1/5``, ``2024.1.5``, ``2024年1月5日 13时05分``, Excel serial day numbers (1900 date
    system, epoch 1899-12-30) and Unix seconds; day-first or month-first layouts are refused.
    """
    text = values.astype("str").str.strip()
    present = text.notna() & text.ne("")
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    if not present.any():
        return out, present
    is_serial = text.str.fullmatch(r"\d{5}(\.\d+)?|1\d{9}").fillna(False).astype(bool)
    fast = present & ~is_serial
    out[fast] = _iso_dates(text[fast])
    todo = present & out.isna()
    if todo.any():
        out[todo] = _other_dates(text[todo])
    return out, present & out.isna()


def _rating_from_text(cell: str) -> tuple[float, float] | None:
    """Return (value, scale or NaN) for one rating written as text, or None if it is not one."""
    cell = cell.strip()
    if cell in _SATISFACTION:
        return _SATISFACTION[cell], 5.0
    if cell and set(cell) <= {"★", "☆", "⭐", " "}:
        filled = cell.count("★") + cell.count("⭐")
        return float(filled), float(max(filled + cell.count("☆"), 5))
    star = _CN_STAR.match(cell)
    if star:
        return float(_CN_DIGITS[star.group(1)]), 5.0 if "星" in star.group(2) else np.nan
    for pattern, scale in _RATING_PATTERNS:
        found = pattern.match(cell)
        if found:
            groups = found.groups()
            explicit = float(groups[1]) if len(groups) > 1 else scale
            return float(groups[0]), np.nan if explicit is None else explicit
    return None


@dataclass(frozen=True)
class Ratings:
    """Ratings parsed from a column: numbers, per-cell scale where the cell said it, failures."""

    value: pd.Series
    scale: pd.Series
    failed: pd.Series


def parse_ratings(values: pd.Series) -> Ratings:
    """Return ratings read from numbers or text (``五星``, ``5 stars``, ``4/5``, ``★★★★``)."""
    present = values.notna() & values.astype("str").str.strip().ne("")
    number = pd.to_numeric(values.where(present), errors="coerce").astype("float64")
    scale = pd.Series(np.nan, index=values.index, dtype="float64")
    todo = present & number.isna()
    if todo.any():
        unique = values[todo].astype("str").unique()
        lookup = {cell: _rating_from_text(cell) for cell in unique}
        read = values[todo].astype("str").map(lookup)
        ok = read.notna()
        number[ok[ok].index] = [pair[0] for pair in read[ok]]
        scale[ok[ok].index] = [pair[1] for pair in read[ok]]
    return Ratings(number, scale, present & number.isna())


def infer_rating_max(ratings: Ratings, chosen: float | None = None) -> pd.Series:
    """Return each rating's scale: the user's choice, else the cell's own, else 5, 10 or 100.

    The column scale is the smallest of 5, 10 and 100 that holds the largest number given.
    """
    if chosen:
        return pd.Series(float(chosen), index=ratings.value.index).where(ratings.value.notna())
    plain = ratings.value[ratings.scale.isna()]
    top = float(plain.max()) if plain.notna().any() else 5.0
    column = next((s for s in RATING_SCALES if top <= s), RATING_SCALES[-1])
    return ratings.scale.fillna(column).where(ratings.value.notna())
