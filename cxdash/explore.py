"""Organising feedback for step 1: the filter, periods, dimensions, sorting and paging rules."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from cxdash.errors import InvalidInput

# Dimensions a user can organise feedback by (step 1: time, customer type, channel, and more).
DIMENSIONS: tuple[str, ...] = ("channel", "segment", "tenure", "product", "region")
STACK_DIMENSIONS: tuple[str, ...] = ("channel", "segment", "tenure")
PERIODS: tuple[str, ...] = ("day", "week", "month")
PAGE_SIZES: tuple[int, ...] = (25, 50, 100, 200)
# Label facets joined from item_labels: each with its origin and confidence (score for sentiment).
LABEL_FACETS: tuple[str, ...] = ("category", "kind", "sentiment", "touchpoint")
LABEL_COLUMNS: tuple[str, ...] = tuple(
    column
    for facet in LABEL_FACETS
    for column in (
        facet,
        f"{facet}_origin",
        "sentiment_score" if facet == "sentiment" else f"{facet}_conf",
    )
)
# Columns the table shows, in order (the subject and text first, so they are on screen); the sort
# columns are among them.
TABLE_COLUMNS: tuple[str, ...] = (
    "id",
    "received_at",
    "subject",
    "text",
    *LABEL_COLUMNS,
    "channel",
    "segment",
    "tenure",
    "product",
    "region",
    "rating",
    "customer_id",
)
SORT_COLUMNS: tuple[str, ...] = (
    "received_at",
    "id",
    "channel",
    "segment",
    "tenure",
    "product",
    "region",
    "rating",
    "customer_id",
)
MAX_SEARCH_CHARS = 200
_PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}


@dataclass(frozen=True)
class FeedbackFilter:
    """Which feedback items to look at: a date range, chosen values per dimension, a search text."""

    start: date | None = None
    end: date | None = None
    channel: tuple[str, ...] = field(default_factory=tuple)
    segment: tuple[str, ...] = field(default_factory=tuple)
    tenure: tuple[str, ...] = field(default_factory=tuple)
    product: tuple[str, ...] = field(default_factory=tuple)
    region: tuple[str, ...] = field(default_factory=tuple)
    text: str = ""

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise InvalidInput("explore.bad_range", start=str(self.start), end=str(self.end))
        if len(self.text) > MAX_SEARCH_CHARS:
            raise InvalidInput("explore.search_too_long", limit=MAX_SEARCH_CHARS)

    def chosen(self) -> dict[str, tuple[str, ...]]:
        """Return the dimensions that are narrowed, with their chosen values."""
        return {d: getattr(self, d) for d in DIMENSIONS if getattr(self, d)}

    def is_everything(self) -> bool:
        """Return whether the filter keeps every item."""
        return not (self.start or self.end or self.chosen() or self.text.strip())


def make_filter(
    *,
    start: date | None = None,
    end: date | None = None,
    text: str | None = None,
    chosen: Mapping[str, Iterable[str] | None] | None = None,
) -> FeedbackFilter:
    """Return a filter from loose widget or CLI values (lists, None, untrimmed text)."""
    chosen = chosen or {}
    unknown = set(chosen) - set(DIMENSIONS)
    if unknown:
        raise InvalidInput("explore.unknown_dimension", name=", ".join(sorted(unknown)))
    values = {d: tuple(dict.fromkeys(str(v) for v in (chosen.get(d) or ()))) for d in DIMENSIONS}
    return FeedbackFilter(start=start, end=end, text=(text or "").strip(), **values)


def search_condition(text: str) -> tuple[str, str]:
    """Return ("contains", text) for caseless text, else ("regex", a literal any-case pattern)."""
    needle = text.strip()
    if needle.lower() == needle.upper():
        return "contains", needle
    return "regex", "(?i)" + re.escape(needle)


def check_choice(value: str, allowed: Sequence[str], what: str) -> str:
    """Return value when it is one of allowed; raise a translated InvalidInput otherwise."""
    if value not in allowed:
        raise InvalidInput(f"explore.bad_{what}", value=value, allowed=", ".join(allowed))
    return value


def page_count(total: int, page_size: int) -> int:
    """Return how many pages a result of total rows fills (at least one)."""
    return max(1, math.ceil(total / page_size)) if page_size > 0 else 1


def page_offset(page: int, page_size: int, total: int) -> int:
    """Return the row offset of a 1-based page, clamped to the pages that exist."""
    last = page_count(total, page_size)
    return (min(max(page, 1), last) - 1) * page_size


def complete_periods(volume: pd.DataFrame, period: str) -> pd.DataFrame:
    """Return a period × key table of item counts with empty periods filled with zeros."""
    check_choice(period, PERIODS, "period")
    if volume.empty:
        return pd.DataFrame(columns=["period", "key", "items"])
    wide = volume.pivot_table(index="period", columns="key", values="items", aggfunc="sum")
    span = pd.date_range(wide.index.min(), wide.index.max(), freq=_PANDAS_FREQ[period])
    wide = wide.reindex(span.union(wide.index), fill_value=0).fillna(0)
    wide.index.name = "period"
    long = wide.reset_index().melt(id_vars="period", var_name="key", value_name="items")
    long["items"] = long["items"].astype("int64")
    return long.sort_values(["period", "key"], ignore_index=True)


def shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Return key/items counts with each key's share of the total (0–1), largest first."""
    total = counts["items"].sum()
    out = counts.sort_values(["items", "key"], ascending=[False, True], ignore_index=True)
    out["share"] = out["items"] / total if total else 0.0
    return out


_VALUE_LABELS = {"kind": "import.kind", "sentiment": "sentiment"}


def labelled_rows(
    rows: pd.DataFrame,
    label: Callable[[str, str], str],
    categories: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return a copy of rows with stored keys shown as display labels (missing stays empty).

    Dimensions, kinds, sentiments and label origins go through `label`; categories through the
    taxonomy's display names (an unknown key stays as it is). A subject column no row fills is
    left out, so workspaces without subject lines show no empty column.
    """
    out = rows.copy()
    if "subject" in out.columns and out["subject"].isna().all():
        out = out.drop(columns="subject")
    prefixes = {**{d: d for d in DIMENSIONS}, **_VALUE_LABELS}
    prefixes.update({f"{facet}_origin": "origin" for facet in LABEL_FACETS})
    for column, prefix in prefixes.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, p=prefix: label(p, str(v)), na_action="ignore")
    if categories is not None and "category" in out.columns:
        names = dict(categories)
        out["category"] = out["category"].map(lambda v: names.get(v, v), na_action="ignore")
    return out
