"""The import pipeline: read → map → convert → validate (prepare), then write one batch (commit)."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from cxdash.errors import InvalidInput
from cxdash.ingest.mapping import FIELDS, apply_mapping, check_mapping, suggest_mapping
from cxdash.ingest.readers import MAX_FILE_BYTES, RawTable, as_strings, read_table
from cxdash.ingest.validate import HASH_FIELDS, ValidationReport, convert, validate
from cxdash.storage import Store
from cxdash.storage.batches import find_imported_file, known_row_hashes
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.feedback import insert_batch, row_hashes
from cxdash.storage.taxonomy import current_version

MANUAL_SOURCE = "manual"


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file: field → column mapping (suggested when None), defaults, rating scale."""

    mapping: dict[str, str] | None = None
    channel: str | None = None
    rating_max: float | None = None
    source: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A file read, mapped and validated, ready to be written or shown back to the user."""

    file_name: str
    sha256: str | None
    table: RawTable
    mapping: dict[str, str]
    options: ImportOptions
    items: pd.DataFrame
    extra: pd.DataFrame
    report: ValidationReport


@dataclass(frozen=True)
class ImportResult:
    """What a commit wrote: the batch id and how many rows went in or were skipped."""

    batch_id: int
    imported: int
    skipped: int
    problems: dict[str, int] = field(default_factory=dict)


def file_sha256(raw: bytes) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(raw).hexdigest()


def read_upload(raw: bytes, file_name: str, max_bytes: int = MAX_FILE_BYTES) -> RawTable:
    """Return the file read as a table of strings (see readers.read_table for the refusals)."""
    return read_table(raw, file_name, max_bytes=max_bytes)


def prepare_table(
    store: Store,
    table: RawTable,
    file_name: str,
    sha256: str | None,
    options: ImportOptions,
) -> Prepared:
    """Return the table mapped, converted and validated against the workspace (nothing written)."""
    columns = list(table.frame.columns)
    mapping = check_mapping(options.mapping or suggest_mapping(columns), columns)
    fields, extra_columns = apply_mapping(table.frame, mapping)
    converted = convert(fields, channel=options.channel, rating_max=options.rating_max)
    converted.items["row_hash"] = row_hashes(converted.items, HASH_FIELDS)
    report = validate(
        converted,
        fields,
        first_row=table.first_row,
        known_hashes=known_row_hashes(store, converted.items["row_hash"]),
        earlier_batch=find_imported_file(store, sha256) if sha256 else None,
    )
    extra = table.frame[extra_columns]
    return Prepared(file_name, sha256, table, mapping, options, converted.items, extra, report)


def prepare(
    store: Store,
    raw: bytes,
    file_name: str,
    options: ImportOptions | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Prepared:
    """Return a file's bytes read, mapped and validated (nothing written)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        # hashlib releases the GIL, so the digest is computed while the file is parsed.
        digest = pool.submit(file_sha256, raw)
        table = read_upload(raw, file_name, max_bytes)
    return prepare_table(store, table, file_name, digest.result(), options or ImportOptions())


def _batch_meta(store: Store, prepared: Prepared, imported: int, by: str | None) -> dict[str, Any]:
    options = prepared.options
    return {
        "file_name": prepared.file_name,
        "sha256": prepared.sha256,
        "source": options.source or prepared.file_name,
        "file_format": prepared.table.file_format,
        "encoding": prepared.table.encoding,
        "mapping": {
            "fields": prepared.mapping,
            "channel": options.channel,
            "rating_max": options.rating_max,
        },
        "rows_in_file": prepared.report.rows,
        "rows_imported": imported,
        "rows_skipped": prepared.report.rows - imported,
        "cycle_id": current_cycle_id(store),
        "created_by": by,
    }


def commit(
    store: Store,
    prepared: Prepared,
    *,
    skip_bad_rows: bool = False,
    by: str | None = None,
    classify: bool = True,
) -> ImportResult:
    """Write the prepared rows as one batch in one transaction; return what was written.

    With problems, nothing is written unless `skip_bad_rows` is set; then only the rows
    without any problem go in. When the workspace has a taxonomy, the new items are then
    classified (step 2) unless `classify` is off.
    """
    report = prepared.report
    if not report.clean and not skip_bad_rows:
        raise InvalidInput("import.has_problems", count=len(report.problems), rows=report.bad_rows)
    keep = ~report.bad
    imported = int(keep.sum())
    if not imported:
        raise InvalidInput("import.nothing_left")
    items = prepared.items[keep] if report.bad_rows else prepared.items
    extra = prepared.extra[keep] if report.bad_rows else prepared.extra
    batch_id = insert_batch(store, items, _batch_meta(store, prepared, imported, by), extra)
    if classify and current_version(store) is not None:
        from cxdash.classify import classify_batch

        classify_batch(store, batch_id)
    return ImportResult(batch_id, imported, report.rows - imported, report.counts())


def prepare_manual(store: Store, values: dict[str, Any]) -> Prepared:
    """Return one hand-entered item validated exactly as a file row would be."""
    row = {f: values.get(f) for f in FIELDS}
    row["received_at"] = _date_text(row["received_at"])
    frame = as_strings(pd.DataFrame([row], columns=list(FIELDS), dtype="object"))
    table = RawTable(frame, MANUAL_SOURCE, header_row=0)
    mapping = {f: f for f in FIELDS if row.get(f) not in (None, "")}
    options = ImportOptions(
        mapping=mapping or {"text": "text"},
        rating_max=values.get("rating_max") or None,
        source=MANUAL_SOURCE,
    )
    return prepare_table(store, table, MANUAL_SOURCE, None, options)


def _date_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)
