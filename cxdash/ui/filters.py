"""The feedback filter widgets, kept in the URL so a filtered view can be shared."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from cxdash.errors import InvalidInput
from cxdash.explore import DIMENSIONS, MAX_SEARCH_CHARS, FeedbackFilter, make_filter
from cxdash.ui import cache
from cxdash.ui.context import label, show_error, t

# Widget keys double as the URL query parameter names (?channel=hotline&from=2026-03-01).
DATE_KEYS = ("from", "to")
TEXT_KEY = "q"
FILTER_KEYS = (*DATE_KEYS, *DIMENSIONS, TEXT_KEY)


def _clear() -> None:
    """Reset every filter widget to its default (and so drop them from the URL)."""
    for key in (*DATE_KEYS, *DIMENSIONS):
        st.session_state[key] = [] if key in DIMENSIONS else None
    st.session_state[TEXT_KEY] = ""


def _date_widgets(span: tuple[date | None, date | None]) -> dict[str, date | None]:
    """Show the from/to date pickers within the workspace's span; return the chosen dates."""
    low, high = span
    left, right = st.columns(2)
    return {
        "start": left.date_input(
            t("explore.from"),
            value=None,
            min_value=low,
            max_value=high,
            key="from",
            bind="query-params",
        ),
        "end": right.date_input(
            t("explore.to"),
            value=None,
            min_value=low,
            max_value=high,
            key="to",
            bind="query-params",
        ),
    }


def _value_widgets(options: dict[str, list[str]]) -> dict[str, list[str]]:
    """Show one multiselect per dimension over its stored values; return the chosen values."""
    # Labels are resolved now, in the session's language, not later inside the widget.
    names = {dim: {v: label(dim, v) for v in options.get(dim, [])} for dim in DIMENSIONS}
    return {
        dim: st.multiselect(
            t(f"explore.dim.{dim}"),
            options=options.get(dim, []),
            format_func=names[dim].__getitem__,
            key=dim,
            bind="query-params",
        )
        for dim in DIMENSIONS
    }


def feedback_filter(token: str) -> FeedbackFilter:
    """Show the filter widgets in the sidebar and return the filter they describe."""
    with st.sidebar:
        st.subheader(t("explore.filters"))
        text = st.text_input(
            t("explore.search"),
            key=TEXT_KEY,
            help=t("explore.search_help"),
            max_chars=MAX_SEARCH_CHARS,
            bind="query-params",
        )
        dates = _date_widgets(cache.bounds(token))
        values = _value_widgets(cache.choices(token))
        st.button(t("explore.clear"), key="clear_filters", on_click=_clear)
        st.caption(t("explore.share_link"))
    try:
        return make_filter(text=text, **dates, chosen=values)
    except InvalidInput as err:
        show_error(err)
        return make_filter(text=text, chosen=values)


def key_label(dimension: str) -> Callable[[str], str]:
    """Return a function giving each stored key of a dimension its display label."""
    return lambda key: label(dimension, key) if key else t("explore.unknown")
