"""Cached explorer queries, keyed on the workspace, a data-version token and the filter."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cxdash import config
from cxdash.explore import FeedbackFilter, complete_periods
from cxdash.storage import explore as queries
from cxdash.ui.context import store


def data_token() -> str:
    """Return the workspace path and its data version: any import or undo changes it."""
    return f"{config.db_path()}|{queries.data_version(store())}"


@st.cache_data(show_spinner=False, max_entries=256)
def choices(token: str) -> dict[str, list[str]]:
    """Return the stored values of every filter dimension."""
    return queries.distinct_values(store())


@st.cache_data(show_spinner=False, max_entries=256)
def bounds(token: str) -> tuple[date | None, date | None]:
    """Return the first and last dates of the workspace's feedback."""
    return queries.date_bounds(store())


@st.cache_data(show_spinner=False, max_entries=256)
def matching(token: str, flt: FeedbackFilter) -> int:
    """Return how many items match the filter."""
    return queries.count_items(store(), flt)


@st.cache_data(show_spinner=False, max_entries=256)
def volume(token: str, flt: FeedbackFilter, period: str, by: str) -> pd.DataFrame:
    """Return matching item counts per period and value of one dimension, gaps filled with 0."""
    return complete_periods(queries.volume_by_period(store(), flt, period, by), period)


@st.cache_data(show_spinner=False, max_entries=256)
def top(token: str, flt: FeedbackFilter, by: str, limit: int = 12) -> pd.DataFrame:
    """Return the most frequent values of one dimension among matching items."""
    return queries.top_values(store(), flt, by, limit)


@st.cache_data(show_spinner=False, max_entries=256)
def ratings(token: str, flt: FeedbackFilter) -> pd.DataFrame:
    """Return how many matching items carry each rating."""
    return queries.rating_counts(store(), flt)


@st.cache_data(show_spinner=False, max_entries=256)
def page_rows(
    token: str, flt: FeedbackFilter, offset: int, limit: int, sort: str, descending: bool
) -> pd.DataFrame:
    """Return one page of matching items."""
    return queries.fetch_page(
        store(), flt, offset=offset, limit=limit, sort=sort, descending=descending
    )
