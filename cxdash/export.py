"""Exporting feedback to CSV (UTF-8 with BOM, for Excel) and XLSX, safe from formula injection."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from cxdash.errors import InvalidInput

# OWASP "CSV Injection": a cell starting with one of these is read as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_048_575  # one sheet holds 1,048,576 rows, the header included
BOM = "\ufeff".encode()
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value: object) -> object:
    """Return a text cell prefixed with ' when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of frame whose text cells are neutralised; other types stay as they are."""
    out = frame.copy()
    for col in out.columns:
        column = out[col]
        if not (column.dtype == object or pd.api.types.is_string_dtype(column)):
            continue
        text = column.astype("string")
        risky = text.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
        if risky.any():
            out[col] = column.astype(object).where(~risky, "'" + text.astype(object))
    return out


def format_for(path: str | Path) -> str:
    """Return the export format named by a file's extension (csv or xlsx)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InvalidInput("export.bad_format", name=str(path), allowed=", ".join(FORMATS))
    return suffix


def write_csv(chunks: Iterable[pd.DataFrame], out: BinaryIO) -> int:
    """Write the chunks as one UTF-8 CSV with a BOM and a single header; return the row count."""
    out.write(BOM)
    rows, first = 0, True
    for chunk in chunks:
        options = pacsv.WriteOptions(include_header=first)
        pacsv.write_csv(_arrow_table(neutralise_frame(chunk)), out, options)
        rows, first = rows + len(chunk), False
    return rows


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    """Return frame as an Arrow table with timestamps written to the second, for CSV output."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, column in enumerate(table.columns):
        if pa.types.is_timestamp(column.type):
            seconds = pc.cast(column, pa.timestamp("s"), safe=False)
            text = pc.strftime(seconds, format="%Y-%m-%d %H:%M:%S")
            table = table.set_column(i, table.field(i).name, text)
    return table


def _xlsx_rows(frame: pd.DataFrame) -> Iterator[list[object]]:
    """Yield frame's rows as plain Python values openpyxl stores: no NaN, no timezone."""
    plain = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        column = frame[col]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            column = column.dt.tz_localize(None)
        values = pd.Series(column.astype(object), index=frame.index)
        plain[col] = values.where(column.notna(), None)
    for record in plain.itertuples(index=False, name=None):
        yield [_xlsx_value(v) for v in record]


def _xlsx_value(value: object) -> object:
    """Return one cell for openpyxl: plain datetimes, no control characters XLSX forbids."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_xlsx(chunks: Iterable[pd.DataFrame], out: BinaryIO | str | Path) -> int:
    """Write the chunks to one XLSX sheet in openpyxl's streaming mode; return the row count."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("feedback")
    try:
        rows = _append_chunks(sheet, chunks)
    except BaseException:
        sheet.close()  # ends openpyxl's half-written sheet stream before the error goes on
        raise
    book.save(out)
    return rows


def _append_chunks(sheet: Any, chunks: Iterable[pd.DataFrame]) -> int:
    """Append a header and every chunk's neutralised rows to a write-only sheet; return rows."""
    rows, first = 0, True
    for chunk in chunks:
        rows += len(chunk)
        if rows > XLSX_MAX_ROWS:
            raise InvalidInput("export.too_many_rows", limit=XLSX_MAX_ROWS)
        if first:
            sheet.append([str(c) for c in chunk.columns])
            first = False
        for record in _xlsx_rows(neutralise_frame(chunk)):
            sheet.append(record)
    return rows


def write_export(chunks: Iterable[pd.DataFrame], fmt: str, out: BinaryIO) -> int:
    """Write the chunks in the chosen format (csv or xlsx); return the row count."""
    if fmt not in FORMATS:
        raise InvalidInput("export.bad_format", name=fmt, allowed=", ".join(FORMATS))
    return write_csv(chunks, out) if fmt == "csv" else write_xlsx(chunks, out)


def export_bytes(chunks: Iterator[pd.DataFrame], fmt: str) -> bytes:
    """Return the whole export file in memory, for a browser download."""
    buffer = io.BytesIO()
    write_export(chunks, fmt, buffer)
    return buffer.getvalue()
