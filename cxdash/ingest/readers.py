"""Reading uploaded tables: format, encoding and delimiter detection into a frame of strings."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from cxdash import config
from cxdash.errors import InvalidInput
from cxdash.ingest.encoding import decode_text, utf8_bytes

MAX_FILE_BYTES = config.MAX_UPLOAD_MB * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024
HEADER_SCAN_ROWS = 10
DELIMITERS = ",;\t|"
FORMATS = ("csv", "xlsx", "json", "jsonl", "parquet")


@dataclass(frozen=True)
class RawTable:
    """A table as read from a file: every cell a string or None, plus how it was read."""

    frame: pd.DataFrame
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 0

    @property
    def first_row(self) -> int:
        """Return the file row number (1 = first line) of the first data row."""
        return self.header_row + 2 if self.file_format in ("csv", "xlsx") else 1


def detect_format(raw: bytes, filename: str) -> str:
    """Return the file format from its leading bytes, then its name."""
    name = filename.lower()
    if raw[:4] == b"PAR1":
        return "parquet"
    if raw[:2] == b"PK":
        return "xlsx"
    if name.endswith(".jsonl") or name.endswith(".ndjson"):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".xlsx", ".xlsm")):
        raise InvalidInput("import.bad_xlsx", name=filename)
    return "csv"


def sniff_delimiter(text: str) -> str:
    """Return the CSV delimiter that splits the first lines most consistently."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.splitlines()[0].count(d) if sample else 0 for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def unique_headers(names: list[object]) -> list[str]:
    """Return header names made non-empty and unique (a, a_2, column_3 …)."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names, start=1):
        base = str(name).strip() if name is not None and str(name).strip() else f"column_{i}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return out


def as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with every cell a stripped string (str dtype), or missing where empty."""
    out = {}
    for col in frame.columns:
        values = frame[col]
        if values.dtype != "str":
            values = values.where(values.notna(), None).map(_cell_text, na_action="ignore")
        stripped = values.astype("str").str.strip()
        out[col] = stripped.where(stripped.ne(""))
    return pd.DataFrame(out, columns=frame.columns).reset_index(drop=True)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _field_count(data: bytes, delimiter: str) -> int:
    lines = data[:200_000].decode("utf-8", errors="ignore").splitlines()[:50]
    return max((len(row) for row in csv.reader(lines, delimiter=delimiter)), default=1)


def _arrow_csv(data: bytes, delimiter: str, names: list[str], multiline: bool) -> pd.DataFrame:
    table = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=names, block_size=8 << 20),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=multiline),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
        ),
    )
    return table.to_pandas()


def _parse_csv(data: bytes, delimiter: str) -> pd.DataFrame:
    """Return the CSV cells as strings: pyarrow's parallel parser, pandas for ragged rows."""
    names = [f"c{i}" for i in range(_field_count(data, delimiter))]
    # The parallel parser cannot split blocks inside quoted line breaks; it then fails loudly.
    for multiline in (False, True):
        try:
            return _arrow_csv(data, delimiter, names, multiline)
        except (pa.ArrowInvalid, ValueError):
            continue
    return pd.read_csv(
        io.BytesIO(data),
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        header=None,
        names=range(len(names)),
        skip_blank_lines=True,
        on_bad_lines="error",
    )


def _read_csv(raw: bytes) -> RawTable:
    data, encoding = utf8_bytes(raw)
    if not data or data.isspace():
        raise InvalidInput("import.empty")
    delimiter = sniff_delimiter(data[:200_000].decode("utf-8", errors="ignore"))
    try:
        frame = _parse_csv(data, delimiter)
    except (pd.errors.ParserError, ValueError) as exc:
        raise InvalidInput("import.bad_csv", detail=str(exc)[:200]) from exc
    _refuse_ragged_rows(frame)
    return _with_header(frame, "csv", encoding=encoding, delimiter=delimiter)


def _filled(frame: pd.DataFrame) -> pd.DataFrame:
    """Return which cells hold a value (neither missing nor an empty string)."""
    return frame.notna() & frame.astype("object").ne("")


def _refuse_ragged_rows(frame: pd.DataFrame) -> None:
    """Refuse a CSV whose rows have more fields than its first line (unless that is a title).

    Only the columns beyond the first line's width are scanned in full, so a regular file
    costs a look at its first rows.
    """
    head = _filled(frame.head(HEADER_SCAN_ROWS))
    if not head.to_numpy().any():
        head = _filled(frame)
    first = next((i for i in range(len(head)) if head.iloc[i].any()), None)
    if first is None:
        return
    width = int(head.iloc[first].to_numpy().nonzero()[0].max()) + 1
    if width < 2 or frame.shape[1] <= width:
        return
    wider = _filled(frame.iloc[first + 1 :, width:]).any(axis=1)
    if wider.any():
        line = int(wider[wider].index[0]) + 1
        detail = f"line {line}: more fields than the {width} in the first line"
        raise InvalidInput("import.bad_csv", detail=detail)


def _header_row(frame: pd.DataFrame) -> int:
    filled = _filled(frame.head(HEADER_SCAN_ROWS)).sum(axis=1).tolist()
    widest = max(filled, default=0)
    for i, count in enumerate(filled):
        below = filled[i + 1] if i + 1 < len(filled) else 0
        # A title line, or a merged group header above the real one, fills fewer cells.
        if count >= 0.6 * widest and below <= count:
            return i
    return 0


def _with_header(frame: pd.DataFrame, fmt: str, **how: str) -> RawTable:
    frame = frame.dropna(how="all").reset_index(drop=True)
    if frame.empty:
        raise InvalidInput("import.empty")
    row = _header_row(frame)
    header = frame.iloc[row].tolist()
    body = frame.iloc[row + 1 :]
    if body.empty:
        raise InvalidInput("import.no_rows")
    body.columns = unique_headers(header)
    return RawTable(
        as_strings(body), fmt, how.get("encoding"), how.get("delimiter"), header_row=row
    )


def _check_zip(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InvalidInput("import.bad_xlsx", name="xlsx") from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise InvalidInput("import.too_large", limit_mb=MAX_XLSX_UNPACKED_BYTES // 2**20)


def _read_xlsx(raw: bytes, sheet: str | int | None) -> RawTable:
    import openpyxl

    _check_zip(raw)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for damaged files
        raise InvalidInput("import.bad_xlsx", name="xlsx") from exc
    ws = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet or 0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise InvalidInput("import.empty")
    frame = pd.DataFrame(rows, dtype="object")
    return _with_header(frame, "xlsx")


def _read_json(raw: bytes, lines: bool) -> RawTable:
    text, encoding = decode_text(raw)
    if not text.strip():
        raise InvalidInput("import.empty")
    try:
        records = (
            [json.loads(line) for line in text.splitlines() if line.strip()]
            if lines
            else json.loads(text)
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput("import.bad_json", line=exc.lineno) from exc
    if isinstance(records, dict):
        records = next((v for v in records.values() if isinstance(v, list)), [records])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InvalidInput("import.bad_json", line=1)
    if not records:
        raise InvalidInput("import.no_rows")
    frame = pd.json_normalize(records)
    frame.columns = unique_headers(list(frame.columns))
    return RawTable(as_strings(frame), "jsonl" if lines else "json", encoding=encoding)


def _read_parquet(raw: bytes) -> RawTable:
    try:
        frame = pd.read_parquet(io.BytesIO(raw))
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise InvalidInput("import.bad_parquet") from exc
    if frame.empty:
        raise InvalidInput("import.no_rows")
    frame.columns = unique_headers(list(frame.columns))
    return RawTable(as_strings(frame), "parquet")


def read_table(
    raw: bytes,
    filename: str,
    *,
    sheet: str | int | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> RawTable:
    """Return the uploaded file as a table of strings; raise InvalidInput with the reason if not."""
    if len(raw) > max_bytes:
        raise InvalidInput("import.too_large", limit_mb=max_bytes // 2**20)
    if not raw or raw.isspace():
        raise InvalidInput("import.empty")
    fmt = detect_format(raw, filename)
    if fmt == "xlsx":
        return _read_xlsx(raw, sheet)
    if fmt == "parquet":
        return _read_parquet(raw)
    if fmt in ("json", "jsonl"):
        return _read_json(raw, lines=fmt == "jsonl")
    return _read_csv(raw)
