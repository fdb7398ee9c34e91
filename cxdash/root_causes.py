"""Root causes of complaint tickets bound to the taxonomy's categories and to real solutions.

A ticket's ``root_cause_category`` holds a taxonomy key and its ``solution_id`` the id of a saved
solution. Imported files may name a category by key, by its Chinese or English name, or by its
path ("Network › Broadband speed"); whatever matches none is left empty and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from cxdash.taxonomy import display_names

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class BoundTickets:
    """Tickets with categories as taxonomy keys and solutions as ids, and what did not match."""

    frame: pd.DataFrame
    unknown_categories: tuple[str, ...]
    unknown_solutions: tuple[str, ...]


def _norm(text: object) -> str:
    return _SPACE.sub(" ", str(text)).strip().lower()


def category_lookup(tax: pd.DataFrame) -> dict[str, str]:
    """Return every accepted spelling of a category (key, names, paths) → its key."""
    lookup: dict[str, str] = {}
    for lang in ("zh", "en"):
        for key, path in display_names(tax, lang).items():
            lookup.setdefault(_norm(path), key)
    for column in ("name_en", "name_zh", "key"):
        for key, name in zip(tax["key"], tax[column], strict=True):
            if isinstance(name, str) and name.strip():
                lookup[_norm(name)] = key
    return lookup


def solution_key(value: object, known: Iterable[int]) -> str | None:
    """Return the solution id as text when value names a known solution ("12", "#12"), else None."""
    text = str(value).strip().lstrip("#").strip()
    ids = {int(i) for i in known}
    return text if text.isdigit() and int(text) in ids else None


def _bind(values: pd.Series, resolve: dict[str, str]) -> tuple[pd.Series, tuple[str, ...]]:
    present = values.notna() & values.astype("string").str.strip().ne("")
    bound = values.where(~present, values.map(lambda v: resolve.get(_norm(v))))
    unknown = sorted({str(v).strip() for v in values[present & bound.isna()]})
    return bound.astype(object).where(bound.notna(), None), tuple(unknown)


def bind_tickets(
    tickets: pd.DataFrame, tax: pd.DataFrame, solution_ids: Iterable[int]
) -> BoundTickets:
    """Return the tickets with root-cause categories and solutions bound; unknown ones emptied."""
    out = tickets.copy()
    unknown_cat: tuple[str, ...] = ()
    unknown_sol: tuple[str, ...] = ()
    if "root_cause_category" in out:
        out["root_cause_category"], unknown_cat = _bind(
            out["root_cause_category"], category_lookup(tax)
        )
    if "solution_id" in out:
        ids = list(solution_ids)
        texts = out["solution_id"].dropna().astype(str)
        resolve = {_norm(v): key for v in texts if (key := solution_key(v, ids)) is not None}
        out["solution_id"], unknown_sol = _bind(out["solution_id"], resolve)
    return BoundTickets(out, unknown_cat, unknown_sol)


def root_cause_view(
    tickets: pd.DataFrame, tax: pd.DataFrame, solutions: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """Return the tickets with a root cause, category shown by name and solution by title."""
    traced = tickets[tickets["root_cause"].notna()]
    names = display_names(tax, lang) if not tax.empty else {}
    titles = {str(i): f"#{i} {t}" for i, t in zip(solutions["id"], solutions["title"], strict=True)}
    return pd.DataFrame(
        {
            "ticket_id": traced["ticket_id"],
            "root_cause": traced["root_cause"],
            "category": traced["root_cause_category"].map(lambda k: names.get(k, k)),
            "solution": traced["solution_id"].map(lambda s: titles.get(str(s), s)),
            "rectified_at": traced["rectified_at"],
        }
    ).reset_index(drop=True)
