"""Widgets shared by the service-quality pages: upload, column mapping, problems, downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError
from cxdash.ingest.readers import read_table
from cxdash.quality_mapping import SHAPES, MappedTable, apply_mapping, problems_frame
from cxdash.risk import export_table
from cxdash.ui.auth import can_write
from cxdash.ui.context import lang, show_error, t

UPLOAD_TYPES = ["csv", "xlsx", "json", "jsonl", "parquet", "txt"]


def upload_table(key: str) -> tuple[pd.DataFrame, str] | None:
    """Return the uploaded file as a frame of strings with its name, or None (errors shown)."""
    uploaded = st.file_uploader(t("quality.upload"), type=UPLOAD_TYPES, key=key)
    if uploaded is None:
        return None
    try:
        return read_table(uploaded.getvalue(), uploaded.name).frame, uploaded.name
    except CxDashError as err:
        show_error(err)
        return None


def mapping_editor(headers: list[str], shape: str, suggested: dict, key: str) -> dict:
    """Return the user's column per field, starting from the suggestion."""
    options = ["", *headers]
    mapping: dict[str, str | None] = {}
    cols = st.columns(3)
    for i, spec in enumerate(SHAPES[shape]):
        start = suggested.get(spec.name)
        label = f"{spec.name}{' *' if spec.required else ''}"
        chosen = cols[i % 3].selectbox(
            label,
            options,
            index=options.index(start) if start in options else 0,
            key=f"{key}_{spec.name}",
        )
        mapping[spec.name] = chosen or None
    return mapping


def validated(frame: pd.DataFrame, mapping: dict, shape: str) -> MappedTable | None:
    """Return the mapped table after showing its problems, or None when the mapping is unusable."""
    try:
        mapped = apply_mapping(frame, mapping, shape)
    except CxDashError as err:
        show_error(err)
        return None
    show_problems(mapped, len(frame))
    return mapped


def show_problems(mapped: MappedTable, total: int) -> None:
    """Show how many rows passed and every problem with its row number."""
    if not mapped.problems:
        st.success(t("quality.all_rows_ok", rows=total))
        return
    st.warning(t("quality.rows_with_problems", bad=len(mapped.bad_rows), rows=total))
    st.dataframe(problems_frame(mapped.problems, lang()), hide_index=True)


def confirm_write(mapped: MappedTable, key: str) -> bool:
    """Return True once the user confirms writing the clean rows (explicitly when some are bad)."""
    if mapped.frame.empty:
        return False
    if mapped.problems and not st.checkbox(t("quality.skip_bad_rows"), key=f"{key}_skip"):
        return False
    return st.button(
        t("quality.import_rows", rows=len(mapped.frame)), key=f"{key}_go", disabled=not can_write()
    )


def download_buttons(frame: pd.DataFrame, basename: str, key: str) -> None:
    """Offer the frame as CSV and XLSX downloads (formula cells neutralised)."""
    left, right = st.columns(2)
    left.download_button(
        t("quality.download_csv"),
        export_table(frame, "csv"),
        f"{basename}.csv",
        mime="text/csv",
        key=f"{key}_csv",
    )
    right.download_button(
        t("quality.download_xlsx"),
        export_table(frame, "xlsx"),
        f"{basename}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )


def percent(value: float) -> str:
    """Return a share as a percentage text (– when undefined)."""
    return "–" if pd.isna(value) else f"{value * 100:.1f}%"


def hours(value: float) -> str:
    """Return hours as text (– when undefined)."""
    return "–" if pd.isna(value) else f"{value:.1f} h"
