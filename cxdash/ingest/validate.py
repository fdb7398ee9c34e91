"""Turning mapped columns into feedback items and collecting every problem with its row number."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cxdash.ingest.values import infer_rating_max, parse_dates, parse_ratings

KIND_WORDS = {
    "problem": "problem",
    "complaint": "problem",
    "问题": "problem",
    "投诉": "problem",
    "need": "need",
    "request": "need",
    "suggestion": "need",
    "需求": "need",
    "建议": "need",
    "praise": "praise",
    "compliment": "praise",
    "表扬": "praise",
    "好评": "praise",
    "other": "other",
    "enquiry": "other",
    "其他": "other",
    "咨询": "other",
}
HASH_FIELDS = ("source_id", "received_at", "channel", "customer_id", "text", "rating")
TEXT_FIELDS = ("source_id", "channel", "customer_id", "segment", "tenure", "product", "region")


@dataclass(frozen=True)
class Problem:
    """One problem: the file row it is on (None for the whole file), the field, the message."""

    row: int | None
    field: str | None
    key: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    """Feedback items converted from mapped strings, with the masks of cells that failed."""

    items: pd.DataFrame
    failed: dict[str, pd.Series]


@dataclass(frozen=True)
class ValidationReport:
    """Every problem found, which rows they make bad, and how many rows there were."""

    rows: int
    problems: tuple[Problem, ...]
    bad: np.ndarray

    @property
    def clean(self) -> bool:
        """Return whether nothing at all is wrong."""
        return not self.problems

    @property
    def bad_rows(self) -> int:
        """Return how many rows have at least one problem."""
        return int(self.bad.sum())

    def counts(self) -> dict[str, int]:
        """Return how many problems of each kind (message key) were found."""
        return dict(Counter(p.key for p in self.problems))


def _language(text: pd.Series) -> pd.Series:
    """Return 'zh' where most characters are multi-byte (CJK) and 'en' elsewhere."""
    values = pa.array(text.fillna(""), type=pa.string())
    wide = pc.greater(pc.binary_length(values), pc.multiply(pc.utf8_length(values), 1.8))
    return pd.Series(pc.if_else(wide, "zh", "en").to_pandas().array, index=text.index)


def _kinds(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    words = pa.array(values.str.strip().str.lower(), type=pa.string())
    found = pc.index_in(words, value_set=pa.array(list(KIND_WORDS)))
    kinds = pc.take(pa.array(list(KIND_WORDS.values())), found)
    known = pd.Series(kinds.to_pandas().array, index=values.index)
    return known, values.notna() & known.isna()


def convert(fields: pd.DataFrame, *, channel: str | None, rating_max: float | None) -> Converted:
    """Return items typed for storage (dates, ratings and their scale, kind, language)."""
    items = pd.DataFrame(index=fields.index)
    for name in ("text", "subject", *TEXT_FIELDS, "category"):
        items[name] = fields[name].astype("str")
    if channel:
        items["channel"] = items["channel"].fillna(channel)
    items["received_at"], bad_date = parse_dates(fields["received_at"].astype("str"))
    ratings = parse_ratings(fields["rating"].astype("str"))
    items["rating"] = ratings.value
    items["rating_max"] = infer_rating_max(ratings, rating_max)
    items["kind"], bad_kind = _kinds(fields["kind"].astype("str"))
    items["lang"] = _language(items["text"].fillna(""))
    out_of_range = (items["rating"] < 0) | (items["rating"] > items["rating_max"])
    failed = {
        "missing_text": items["text"].isna(),
        "bad_date": bad_date,
        "bad_rating": ratings.failed,
        "rating_out_of_range": out_of_range.fillna(False),
        "bad_kind": bad_kind,
    }
    return Converted(items, failed)


_FIELD_OF = {
    "missing_text": "text",
    "bad_date": "received_at",
    "bad_rating": "rating",
    "rating_out_of_range": "rating",
    "bad_kind": "kind",
}


def _cell_problems(
    name: str, mask: pd.Series, raw: pd.DataFrame, items: pd.DataFrame, first_row: int
) -> list[Problem]:
    field_name = _FIELD_OF[name]
    positions = np.flatnonzero(mask.to_numpy())
    values = raw[field_name].to_numpy()[positions]
    limits = items["rating_max"].to_numpy()[positions]
    return [
        Problem(int(pos) + first_row, field_name, f"import.problem.{name}", _params(v, limit))
        for pos, v, limit in zip(positions, values, limits, strict=True)
    ]


def _params(value: object, limit: float) -> dict[str, Any]:
    shown = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return {"value": shown[:80], "max": f"{limit:g}" if limit == limit else ""}


def _first_rows(hashes: pd.Series, repeated: np.ndarray) -> np.ndarray:
    """Return, for each repeated row, the position of the first row with the same hash."""
    originals = ~hashes.duplicated(keep="first").to_numpy()
    where_first = pd.Series(np.flatnonzero(originals), index=hashes.to_numpy()[originals])
    return where_first.reindex(hashes.to_numpy()[repeated]).to_numpy()


def _duplicates(hashes: pd.Series, known: set[str], first_row: int) -> list[Problem]:
    repeated = hashes.duplicated(keep="first").to_numpy()
    found = []
    if repeated.any():
        firsts = _first_rows(hashes, repeated)
        found = [
            Problem(
                int(p) + first_row,
                None,
                "import.problem.duplicate_in_file",
                {"first": int(f) + first_row},
            )
            for p, f in zip(np.flatnonzero(repeated), firsts, strict=True)
        ]
    stored = hashes.isin(known).to_numpy() & ~repeated if known else np.zeros_like(repeated)
    found += [
        Problem(int(pos) + first_row, None, "import.problem.duplicate_in_workspace", {})
        for pos in np.flatnonzero(stored)
    ]
    return found


def validate(
    converted: Converted,
    raw: pd.DataFrame,
    *,
    first_row: int,
    known_hashes: set[str],
    earlier_batch: dict[str, Any] | None = None,
) -> ValidationReport:
    """Return every problem: bad cells, rows repeated in the file or workspace, a re-import.

    `raw` holds the mapped strings as read (for the messages); `first_row` is the file row
    number of the first item; `known_hashes` are the row hashes already in the workspace.
    """
    problems: list[Problem] = []
    bad = np.zeros(len(converted.items), dtype=bool)
    for name, mask in converted.failed.items():
        if mask.any():
            problems += _cell_problems(name, mask, raw, converted.items, first_row)
            bad |= mask.to_numpy()
    row_problems = _duplicates(converted.items["row_hash"], known_hashes, first_row)
    for problem in row_problems:
        bad[int(problem.row or first_row) - first_row] = True
    problems += row_problems
    if earlier_batch:
        problems.insert(
            0, Problem(None, None, "import.problem.file_already_imported", earlier_batch)
        )
    problems.sort(key=lambda p: -1 if p.row is None else p.row)
    return ValidationReport(len(converted.items), tuple(problems), bad)
