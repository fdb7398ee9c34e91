"""Widgets of the import page: upload, mapping form, problem list, manual entry and history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from cxdash.errors import CxDashError
from cxdash.ingest.mapping import FIELDS, KINDS, suggest_mapping
from cxdash.ingest.pipeline import ImportOptions, Prepared, file_sha256, read_upload
from cxdash.ingest.readers import RawTable
from cxdash.ingest.validate import Problem
from cxdash.storage.batches import list_templates
from cxdash.ui.auth import can_write
from cxdash.ui.context import inert, show_error, store, t

UPLOAD = "import_upload"
TABLE = "import_table"
PREPARED = "import_prepared"
DONE = "import_done"
ROUND = "import_round"
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "json", "jsonl", "ndjson", "parquet"]
SCALES: tuple[float | None, ...] = (None, 5.0, 7.0, 10.0, 100.0)
PREVIEW_ROWS = 20


def take_upload() -> dict[str, Any] | None:
    """Return the uploaded file ({name, data, sha}) kept in the session, reading the uploader."""
    key = f"import_file_{st.session_state.get(ROUND, 0)}"
    uploaded = st.file_uploader(t("import.ui.upload"), type=UPLOAD_TYPES, key=key)
    current = st.session_state.get(UPLOAD)
    if uploaded is not None:
        data = uploaded.getvalue()
        if not current or current.get("sha") != file_sha256(data):
            forget_upload()
            st.session_state[UPLOAD] = {"name": uploaded.name, "data": data, "widget": True}
    elif current and current.get("widget"):
        forget_upload()
    upload = st.session_state.get(UPLOAD)
    if upload is not None and "sha" not in upload:
        upload["sha"] = file_sha256(upload["data"])
    return upload


def forget_upload() -> None:
    """Drop the uploaded file, its table and its validation from the session."""
    for key in (UPLOAD, TABLE, PREPARED):
        st.session_state.pop(key, None)


def finish_round(message: str) -> None:
    """Remember a success message, clear the upload and give the uploader a fresh key."""
    forget_upload()
    st.session_state[DONE] = message
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def read_table_once(upload: dict[str, Any]) -> RawTable | None:
    """Return the upload read as a table (kept for the session), or None after showing why not."""
    kept = st.session_state.get(TABLE)
    if kept and kept[0] == upload["sha"]:
        return kept[1]
    try:
        table = read_upload(upload["data"], upload["name"])
    except CxDashError as err:
        show_error(err)
        return None
    st.session_state[TABLE] = (upload["sha"], table)
    return table


def describe_table(table: RawTable) -> None:
    """Show how the file was read and its first rows, as inert text."""
    st.caption(
        t(
            "import.ui.read_as",
            rows=f"{len(table.frame):,}",
            columns=len(table.frame.columns),
            format=table.file_format,
            encoding=table.encoding or "—",
            delimiter=repr(table.delimiter) if table.delimiter else "—",
        )
    )
    st.dataframe(table.frame.head(PREVIEW_ROWS), hide_index=True, key="import_preview")


def _fits(template: dict[str, Any], columns: list[str]) -> bool:
    """Return whether every column a template maps exists in the file."""
    fields = template.get("fields", {})
    return bool(fields) and set(fields.values()) <= set(columns)


def _template_choice(columns: list[str]) -> dict[str, str]:
    templates = list_templates(store())
    names = ["", *sorted(templates)]
    # A saved template of the same source (all its columns present) is offered first.
    fitting = next((i for i, n in enumerate(names) if n and _fits(templates[n], columns)), 0)
    chosen = st.selectbox(
        t("import.ui.template"),
        names,
        index=fitting,
        key="import_template",
        format_func=lambda n: n or "—",
    )
    if chosen:
        fields = templates[chosen].get("fields", {})
        return {f: c for f, c in fields.items() if c in columns}
    return suggest_mapping(columns)


def mapping_form(table: RawTable) -> ImportOptions:
    """Show one column picker per field (suggested, or from a template); return the options."""
    columns = list(table.frame.columns)
    suggested = _template_choice(columns)
    options = ["", *columns]
    not_mapped = t("import.ui.not_mapped")
    st.markdown(f"**{t('import.ui.mapping')}**")
    picks = st.columns(3)
    mapping: dict[str, str] = {}
    for i, field in enumerate(FIELDS):
        default = suggested.get(field, "")
        mapping[field] = picks[i % 3].selectbox(
            t(f"import.field.{field}"),
            options,
            index=options.index(default) if default in options else 0,
            key=f"import_map_{field}_{st.session_state.get('import_template') or ''}",
            format_func={"": not_mapped, **{c: c for c in columns}}.__getitem__,
        )
    left, right = st.columns(2)
    channel = left.text_input(t("import.ui.default_channel"), key="import_channel")
    scale_labels: dict[float | None, str] = {
        s: t("import.ui.scale_auto") if s is None else f"{s:g}" for s in SCALES
    }
    scale = right.selectbox(
        t("import.ui.rating_scale"),
        list(scale_labels),
        key="import_rating_max",
        format_func=lambda s: scale_labels[s],
    )
    chosen = {f: c for f, c in mapping.items() if c}
    kept = [c for c in columns if c not in chosen.values()]
    if kept:
        st.caption(t("import.ui.kept_as_extra", columns=inert("、".join(map(str, kept)))))
    return ImportOptions(chosen, channel.strip() or None, scale, None)


def problem_frame(problems: tuple[Problem, ...]) -> pd.DataFrame:
    """Return the problems as a table of row, field and translated message."""
    return pd.DataFrame(
        {
            t("import.ui.col_row"): [p.row if p.row is not None else "—" for p in problems],
            t("import.ui.col_field"): [
                t(f"import.field.{p.field}") if p.field else "—" for p in problems
            ],
            t("import.ui.col_problem"): [t(p.key, **p.params) for p in problems],
        }
    )


def show_report(prepared: Prepared) -> None:
    """Show the validation result: counts, and every problem with its row number."""
    report = prepared.report
    cols = st.columns(3)
    cols[0].metric(t("import.ui.rows"), f"{report.rows:,}")
    cols[1].metric(t("import.ui.good_rows"), f"{report.rows - report.bad_rows:,}")
    cols[2].metric(t("import.ui.problems"), f"{len(report.problems):,}")
    if report.clean:
        st.success(t("import.ui.clean"), icon=":material/check_circle:")
        return
    st.warning(
        t("import.has_problems", count=len(report.problems), rows=report.bad_rows),
        icon=":material/warning:",
    )
    st.dataframe(problem_frame(report.problems), hide_index=True, key="import_problems")


def manual_values() -> dict[str, Any] | None:
    """Show the form for one item heard by hand; return its values once submitted."""
    with st.form("import_manual_form", clear_on_submit=False):
        subject = st.text_input(t("import.field.subject"), key="manual_subject")
        text = st.text_area(t("import.field.text"), key="manual_text")
        left, right = st.columns(2)
        day = left.date_input(t("import.ui.manual_date"), value=None, key="manual_date")
        hour = right.time_input(t("import.ui.manual_time"), value=None, key="manual_time")
        values: dict[str, Any] = {"text": text, "subject": subject}
        for i, field in enumerate(("channel", "customer_id", "segment", "product", "region")):
            values[field] = (left if i % 2 == 0 else right).text_input(
                t(f"import.field.{field}"), key=f"manual_{field}"
            )
        values["rating"] = left.number_input(
            t("import.field.rating"), value=None, min_value=0.0, key="manual_rating"
        )
        values["rating_max"] = right.selectbox(
            t("import.ui.rating_scale"), SCALES[1:], key="manual_rating_max"
        )
        values["category"] = left.text_input(t("import.field.category"), key="manual_category")
        kind_labels: dict[str | None, str] = {None: "—"}
        kind_labels.update({k: t(f"import.kind.{k}") for k in KINDS})
        values["kind"] = right.selectbox(
            t("import.field.kind"),
            list(kind_labels),
            key="manual_kind",
            format_func=lambda k: kind_labels[k],
        )
        if not st.form_submit_button(
            t("import.ui.manual_add"), key="manual_submit", disabled=not can_write()
        ):
            return None
    if day is not None:
        values["received_at"] = datetime.combine(day, hour or datetime.min.time())
    return values
