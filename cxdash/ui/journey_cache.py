"""Cached journey data: the cycle's rollup and the item lists, keyed on the data stamp.

The rollup itself is stored in the workspace (journey_rollup); this cache only saves re-reading
it and re-running the measures within one server process.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cxdash.storage import Store
from cxdash.storage import journey_data as data
from cxdash.ui.context import store as current_store


@st.cache_data(show_spinner=False, max_entries=32)
def _rollup(path: str, stamp: str, cycle_id: int) -> pd.DataFrame:
    return data.rollup(current_store(), cycle_id)


@st.cache_data(show_spinner=False, max_entries=128)
def _aggregate(path: str, stamp: str, cycle_id: int, name: str, args: tuple[Any, ...]) -> Any:
    return getattr(data, name)(_rollup(path, stamp, cycle_id), *args)


@st.cache_data(show_spinner=False, max_entries=128)
def _items(path: str, stamp: str, cycle_id: int, name: str, kw: tuple[Any, ...]) -> Any:
    rolled = _rollup(path, stamp, cycle_id)
    return getattr(data, name)(current_store(), cycle_id, rolled=rolled, **dict(kw))


def stamp(store: Store) -> str:
    """Return the workspace's data stamp; a page computes it once and passes it on."""
    return data.fingerprint(store)


def aggregate(store: Store, name: str, cycle_id: int, *args: Any, at: str | None = None) -> Any:
    """Return a journey_data aggregate of the cycle's rollup, cached until the data change.

    at is the data stamp when the page already has it (see stamp).
    """
    at = stamp(store) if at is None else at
    return _aggregate(str(store.path), at, cycle_id, name, args)


def items(
    store: Store, name: str, cycle_id: int, *, at: str | None = None, **kw: Any
) -> pd.DataFrame:
    """Return a journey_data item list (quotes, cell_items), cached until the data change."""
    at = stamp(store) if at is None else at
    return _items(str(store.path), at, cycle_id, name, tuple(sorted(kw.items())))
