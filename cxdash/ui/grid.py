"""Editable tables shared by the forms: one data editor, read-only for viewers, and cell readers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from cxdash.ui.auth import can_write
from cxdash.ui.context import t


def cell_text(value: Any) -> str:
    """Return a data-editor cell as text ('' for an empty cell, including an empty date)."""
    empty = value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value))
    return "" if empty else str(value)


def cell_day(value: Any) -> date | None:
    """Return a data-editor date cell as a date, or None when it is empty."""
    return pd.Timestamp(value).date() if cell_text(value) else None


def edit_rows(
    frame: pd.DataFrame, key: str, config: dict[str, Any], *, hide_index: bool | None = None
) -> list[dict[str, Any]]:
    """Show a table whose rows an editor may add, change and delete; return the non-empty rows.

    A viewer sees the same table read-only, without the add and delete controls.
    """
    writable = can_write()
    edited = st.data_editor(
        frame,
        num_rows="dynamic" if writable else "fixed",
        disabled=not writable,
        key=key,
        width="stretch",
        column_config=config,
        hide_index=hide_index,
    )
    return [r for r in edited.to_dict("records") if any(cell_text(v).strip() for v in r.values())]


def text_columns(prefix: str, *names: str, **labels: str) -> dict[str, Any]:
    """Return text column settings labelled from the catalog: ``{prefix}.{name}``.

    A keyword names a column whose label key differs from its name, e.g. ``title="item"``.
    """
    keys = {**{n: n for n in names}, **labels}
    return {name: st.column_config.TextColumn(t(f"{prefix}.{key}")) for name, key in keys.items()}
